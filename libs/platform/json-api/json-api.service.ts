import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.tokens';
import { TransactionRunner } from '../database/transaction-runner';
import type { Caller, Permission } from './caller';
import { DocumentBuilder } from './documents/document-builder';
import { ResourceInput, parseLinkage, parseResourceBody } from './documents/parse-resource-body';
import { JsonApiException } from './json-api-exception';
import type { JsonApiResponse } from './json-api-response';
import { pagingLinks } from './paging-links';
import type { ListQuery, QueryParseOptions } from './query/list-query';
import { parseListQuery } from './query/parse-list-query';
import { API_PREFIX } from './api-name';
import { ApiName, ResourceDefinition, ResourceExtension, columnName, targetTypesOf } from './resource-definition';
import { RESOURCE_REGISTRY, ResourceRegistry } from './resource-registry';
import { RecordReader, ResourceRow } from './sql/record-reader';
import { RecordWriter } from './sql/record-writer';
import { translateDatabaseError } from './translate-database-error';

const DEFAULT_PAGE_SIZE = 10;
/** Most records one DELETE-list request may remove (Oro's max_delete_entities). */
export const MAX_DELETE_ROWS = 100;
/** Limits of a synchronous batch (Oro's sync_processing_limit and sync_processing_included_data_limit). */
export const MAX_BATCH_DATA = 100;
export const MAX_BATCH_INCLUDED = 50;

export interface RequestInfo {
  api: ApiName;
  rawQuery: string;
  headers: Record<string, string | string[] | undefined>;
  caller: Caller;
}

/**
 * The JSON:API operations every resource gets: reads are set-based SQL scoped to the caller; writes validate the
 * document, check access, then persist in one transaction and answer with the record as stored.
 */
@Injectable()
export class JsonApiService {
  constructor(
    @Inject(RESOURCE_REGISTRY) private readonly registry: ResourceRegistry,
    private readonly tx: TransactionRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async list(resource: ResourceDefinition, request: RequestInfo): Promise<JsonApiResponse> {
    const query = this.query(resource, request, 'list');
    this.require(resource, request.caller, 'VIEW');
    const reader = this.reader();
    const { rows, hasNext } = await reader.list(resource, query, request.caller, { withTitle: query.meta.includes('title') }, this.config.apiMaxPageSize);
    const document = await this.documents(request.api).build(resource, rows, query, request.caller);
    const headers: Record<string, string> = {};
    if (wants(request.headers, 'totalCount')) headers['x-include-total-count'] = String(await reader.count(resource, query, request.caller));
    const path = `${API_PREFIX[request.api]}/${resource.type}`;
    return {
      status: 200,
      headers,
      body: {
        data: document.data,
        ...(query.include.length ? { included: document.included } : {}),
        ...(wants(request.headers, 'noHateoas') ? {} : { links: pagingLinks(path, request.rawQuery, query.page, hasNext) }),
      },
    };
  }

  async get(resource: ResourceDefinition, id: string, request: RequestInfo): Promise<JsonApiResponse> {
    const query = this.query(resource, request, 'single');
    return { status: 200, body: await this.single(resource, await this.visible(resource, id, request.caller, 'VIEW'), query, request) };
  }

  async create(resource: ResourceDefinition, body: unknown, request: RequestInfo): Promise<JsonApiResponse> {
    const query = this.query(resource, request, 'single');
    const input = parseResourceBody(body, resource, 'create', undefined, '/data', undefined, this.registry.lookup);
    const { id, created } = await this.tx.run(() => this.createOrUpsert(resource, input, request.caller));
    const row = await this.visible(resource, id, request.caller, 'VIEW');
    return { status: created ? 201 : 200, body: await this.single(resource, row, query, request) };
  }

  async update(resource: ResourceDefinition, id: string, body: unknown, request: RequestInfo): Promise<JsonApiResponse> {
    const query = this.query(resource, request, 'single');
    const input = parseResourceBody(body, resource, 'update', id, '/data', undefined, this.registry.lookup);
    await this.tx.run(async () => {
      await this.editable(resource, id, request.caller, 'EDIT');
      await this.checkTargets(resource, input, request.caller);
      await this.persistUpdate(resource, id, input, request.caller);
    });
    return { status: 200, body: await this.single(resource, await this.visible(resource, id, request.caller, 'VIEW'), query, request) };
  }

  async delete(resource: ResourceDefinition, id: string, request: RequestInfo): Promise<JsonApiResponse> {
    await this.tx.run(async () => {
      await this.editable(resource, id, request.caller, 'DELETE');
      await this.persistDelete(resource, [id], request.caller);
    });
    return { status: 204 };
  }

  async deleteList(resource: ResourceDefinition, request: RequestInfo): Promise<JsonApiResponse> {
    const query = this.query(resource, request, 'deleteList');
    if (query.filters.length === 0) {
      throw JsonApiException.badRequest('filter constraint', 'At least one filter must be provided.', { parameter: 'filter' });
    }
    this.require(resource, request.caller, 'DELETE');
    const deleted = await this.tx.run(async () => {
      const ids = await this.reader().idsMatching(resource, query, request.caller, MAX_DELETE_ROWS + 1);
      if (ids.length > MAX_DELETE_ROWS) {
        throw JsonApiException.badRequest('filter constraint', `The filters match more than ${MAX_DELETE_ROWS} records; narrow them down.`, { parameter: 'filter' });
      }
      if (ids.length) await this.persistDelete(resource, ids, request.caller);
      return ids.length;
    });
    return { status: 204, headers: wants(request.headers, 'deletedCount') ? { 'x-include-deleted-count': String(deleted) } : {} };
  }

  /**
   * `PATCH /{type}` with `X-Mode: sync`: creates, updates (`meta.update`) or upserts (`meta.upsert`) up to 100 records,
   * plus up to 50 `included` ones written first, in order, all or nothing. Records may carry temporary ids that other
   * records of the same batch use in their relationships.
   */
  async batch(resource: ResourceDefinition, body: unknown, request: RequestInfo): Promise<JsonApiResponse> {
    if (!wants(request.headers, 'sync', 'x-mode')) {
      throw JsonApiException.badRequest('request type constraint', 'Only synchronous batches are offered: send the header "X-Mode: sync".');
    }
    const { data, included } = batchItems(body);
    const stored = new Map<string, string>();
    const temporaryIds = (type: string, id: string) => stored.get(`${type}:${id}`);
    const written = await this.tx.run(async () => {
      const includedIds: Array<{ resource: ResourceDefinition; id: string; clientId?: string }> = [];
      for (const [i, item] of included.entries()) {
        const target = this.registry.get(String(item.type));
        if (!target || !target.apis.includes(request.api)) {
          throw JsonApiException.badRequest('entity type constraint', 'Unknown resource type.', { pointer: `/included/${i}/type` });
        }
        const id = await this.writeBatchItem(target, item, `/included/${i}`, temporaryIds, request.caller);
        if (typeof item.id === 'string') stored.set(`${target.type}:${item.id}`, id);
        includedIds.push({ resource: target, id, clientId: item.id as string | undefined });
      }
      const dataIds: Array<{ id: string; clientId?: string }> = [];
      for (const [i, item] of data.entries()) {
        const id = await this.writeBatchItem(resource, item, `/data/${i}`, temporaryIds, request.caller);
        if (typeof item.id === 'string') stored.set(`${resource.type}:${item.id}`, id);
        dataIds.push({ id, clientId: item.id as string | undefined });
      }
      return { dataIds, includedIds };
    });
    const query = this.query(resource, { ...request, rawQuery: '' }, 'single');
    const rows = await this.reader().byIds(resource, written.dataIds.map((d) => d.id), request.caller);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const document = await this.documents(request.api).build(resource, written.dataIds.map((d) => byId.get(d.id)!).filter(Boolean), query, request.caller);
    document.data.forEach((object, i) => {
      if (written.dataIds[i].clientId !== undefined) object.meta = { ...object.meta, dataId: written.dataIds[i].clientId };
    });
    const includedObjects = [];
    for (const entry of written.includedIds) {
      const [row] = await this.reader().byIds(entry.resource, [entry.id], request.caller);
      if (!row) continue;
      const [object] = (await this.documents(request.api).build(entry.resource, [row], query, request.caller)).data;
      if (entry.clientId !== undefined) object.meta = { ...object.meta, includeId: entry.clientId };
      includedObjects.push(object);
    }
    return { status: 200, body: { data: document.data, ...(includedObjects.length ? { included: includedObjects } : {}) } };
  }

  /** `GET /{type}/{id}/{relationship}`: the related record(s) as full resources. */
  async related(resource: ResourceDefinition, id: string, name: string, request: RequestInfo): Promise<JsonApiResponse> {
    const rel = this.relationship(resource, name);
    const owner = await this.visible(resource, id, request.caller, 'VIEW');
    const target = this.registry.get(owner.toOneTypes?.[name] ?? rel.type);
    if (!target) throw JsonApiException.notFound();
    const query = this.query(target, request, rel.cardinality === 'one' ? 'single' : 'list');
    const ids = rel.cardinality === 'one' ? [owner.toOne[name]].filter((x): x is string => !!x) : (await this.reader().toManyIds(resource, name, [id])).get(id)!;
    const rows = await this.reader().byIds(target, ids, request.caller, { withTitle: query.meta.includes('title') });
    rows.sort((a, b) => Number(a.id) - Number(b.id));
    const document = await this.documents(request.api).build(target, rows, query, request.caller);
    const data = rel.cardinality === 'one' ? (document.data[0] ?? null) : document.data;
    const headers: Record<string, string> = wants(request.headers, 'totalCount') ? { 'x-include-total-count': String(rows.length) } : {};
    return { status: 200, headers, body: { data, ...(query.include.length ? { included: document.included } : {}) } };
  }

  /** `GET /{type}/{id}/relationships/{relationship}`: resource identifiers only. */
  async relationshipIds(resource: ResourceDefinition, id: string, name: string, request: RequestInfo): Promise<JsonApiResponse> {
    const rel = this.relationship(resource, name);
    const owner = await this.visible(resource, id, request.caller, 'VIEW');
    if (rel.cardinality === 'one') {
      const target = owner.toOne[name];
      return { status: 200, body: { data: target ? { type: owner.toOneTypes?.[name] ?? rel.type, id: target } : null } };
    }
    const ids = (await this.reader().toManyIds(resource, name, [id], this.config.apiMaxPageSize)).get(id)!;
    return { status: 200, body: { data: ids.map((targetId) => ({ type: rel.type, id: targetId })) } };
  }

  /** PATCH (replace), POST (add) or DELETE (remove) on `/{type}/{id}/relationships/{relationship}`. */
  async changeRelationship(
    resource: ResourceDefinition,
    id: string,
    name: string,
    body: unknown,
    mode: 'replace' | 'add' | 'remove',
    request: RequestInfo,
  ): Promise<JsonApiResponse> {
    const rel = this.relationship(resource, name);
    const data = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>).data : undefined;
    const linkage = parseLinkage(data, targetTypesOf(rel), rel.cardinality, typeof body === 'object' && body !== null && 'data' in body, undefined, this.registry.lookup);
    if (linkage !== null && typeof linkage === 'object' && 'error' in linkage) {
      throw JsonApiException.badRequest('relationship constraint', linkage.error, { pointer: '/data' });
    }
    if ((rel.required || rel.notNull) && linkage === null) throw JsonApiException.badRequest('not blank constraint', 'This value should not be blank.', { pointer: '/data' });
    await this.tx.run(async () => {
      await this.editable(resource, id, request.caller, 'EDIT');
      const input: ResourceInput = { attributes: {}, relationships: { [name]: linkage as string | null | string[] } };
      if (rel.polymorphic && linkage !== null) input.relationshipTypes = { [name]: String((data as { type: string }).type) };
      if (mode !== 'remove') await this.checkTargets(resource, input, request.caller);
      if (rel.cardinality === 'one' || resource.writes?.update) {
        if (rel.cardinality === 'many' && mode !== 'replace') input.relationships[name] = await this.membersAfter(resource, id, name, linkage as string[], mode);
        await this.persistUpdate(resource, id, input, request.caller);
      } else {
        await this.guard(() => this.writer().changeToMany(resource, id, name, linkage as string[], mode));
      }
    });
    return { status: 204 };
  }

  private async writeBatchItem(
    resource: ResourceDefinition,
    item: Record<string, unknown>,
    pointer: string,
    temporaryIds: (type: string, id: string) => string | undefined,
    caller: Caller,
  ): Promise<string> {
    const meta = (typeof item.meta === 'object' && item.meta !== null ? item.meta : {}) as Record<string, unknown>;
    const update = meta.update === true;
    if (!ResourceRegistry.offers(resource, update ? 'update' : 'create')) {
      throw JsonApiException.badRequest('request data constraint', `${resource.type} cannot be ${update ? 'updated' : 'created'} through the API.`, { pointer });
    }
    const input = parseResourceBody({ data: item, meta }, resource, update ? 'update' : 'create', update ? String(item.id ?? '') : undefined, pointer, temporaryIds, this.registry.lookup);
    if (update) {
      await this.editable(resource, input.id!, caller, 'EDIT');
      await this.checkTargets(resource, input, caller, pointer);
      await this.persistUpdate(resource, input.id!, input, caller);
      return input.id!;
    }
    // A non-numeric id on a new record is the client's temporary id, only used to refer to it within the batch.
    if (input.id !== undefined && !input.upsert && !/^\d+$/.test(input.id)) delete input.id;
    return (await this.createOrUpsert(resource, input, caller, pointer)).id;
  }

  private async createOrUpsert(
    resource: ResourceDefinition,
    input: ResourceInput,
    caller: Caller,
    pointer = '/data',
  ): Promise<{ id: string; created: boolean }> {
    const existing = await this.upsertMatch(resource, input, caller);
    if (existing) {
      await this.editable(resource, existing, caller, 'EDIT');
      await this.checkTargets(resource, input, caller, pointer);
      await this.persistUpdate(resource, existing, input, caller);
      return { id: existing, created: false };
    }
    if (input.id !== undefined) {
      throw JsonApiException.badRequest('entity identifier constraint', 'Identifiers are generated by the server; leave "id" out (or use meta.upsert).', {
        pointer: `${pointer}/id`,
      });
    }
    this.require(resource, caller, 'CREATE');
    await this.checkTargets(resource, input, caller, pointer);
    return { id: await this.persistCreate(resource, input, caller), created: true };
  }

  /** `meta.upsert`: the id (true) or the listed attributes find at most one record to update. */
  private async upsertMatch(resource: ResourceDefinition, input: ResourceInput, caller: Caller): Promise<string | undefined> {
    if (!input.upsert) return undefined;
    if (input.upsert === true) {
      if (input.id === undefined) return undefined;
      const [row] = await this.reader().byIds(resource, [input.id], caller);
      if (!row) throw JsonApiException.notFound();
      return row.id;
    }
    const filters = input.upsert.map((field) => {
      const value = input.attributes[field];
      if (value === undefined || value === null) {
        throw JsonApiException.badRequest('value constraint', `The upsert field "${field}" needs a value.`, { pointer: `/data/attributes/${field}` });
      }
      return { field, target: 'attribute' as const, operator: 'eq' as const, values: [{ kind: 'value' as const, value: value as string }], parameter: 'meta.upsert' };
    });
    const matches = await this.reader().idsMatching(resource, { ...emptyQuery(), filters }, caller, 2);
    if (matches.length > 1) throw JsonApiException.conflict('The upsert operation cannot be performed because more than one entity matches.');
    return matches[0];
  }

  /** Giving a record to another user than oneself takes the ASSIGN permission. */
  private checkAssignment(resource: ResourceDefinition, input: ResourceInput, caller: Caller, pointer: string): void {
    if (!resource.ownerColumn) return;
    for (const [name, value] of Object.entries(input.relationships)) {
      const rel = resource.relationships![name];
      const column = rel.cardinality === 'one' ? (rel.column ?? `${columnName(name)}_id`) : undefined;
      if (column === resource.ownerColumn && value !== caller.userId && caller.access(resource.type, 'ASSIGN') === 'none') {
        throw JsonApiException.forbidden('Assigning records to another user needs the ASSIGN permission.', {
          pointer: `${pointer}/relationships/${name}/data`,
        });
      }
    }
  }

  /** Every record a write points to must exist and be visible to the caller. */
  private async checkTargets(resource: ResourceDefinition, input: ResourceInput, caller: Caller, pointer = '/data'): Promise<void> {
    this.checkAssignment(resource, input, caller, pointer);
    for (const [name, value] of Object.entries(input.relationships)) {
      const ids = [value].flat().filter((x): x is string => typeof x === 'string');
      if (ids.length === 0) continue;
      const target = this.registry.get(input.relationshipTypes?.[name] ?? resource.relationships![name].type);
      const found = target ? await this.reader().byIds(target, ids, caller) : [];
      if (found.length !== new Set(ids).size) {
        throw JsonApiException.badRequest('relationship constraint', 'The entity does not exist.', { pointer: `${pointer}/relationships/${name}/data` });
      }
    }
  }

  private async single(resource: ResourceDefinition, row: ResourceRow, query: ListQuery, request: RequestInfo) {
    const document = await this.documents(request.api).build(resource, [row], query, request.caller);
    return { data: document.data[0], ...(query.include.length ? { included: document.included } : {}) };
  }

  /** The record if the caller may see it, else 404 (a record outside its visibility does not exist for it). */
  private async visible(resource: ResourceDefinition, id: string, caller: Caller, permission: Permission) {
    const [row] = await this.reader().byIds(resource, [id], caller, { withTitle: true }, permission);
    if (!row) throw JsonApiException.notFound();
    return row;
  }

  /** 404 if invisible, 403 if visible but not changeable with `permission`. */
  private async editable(resource: ResourceDefinition, id: string, caller: Caller, permission: Permission): Promise<void> {
    await this.visible(resource, id, caller, 'VIEW');
    const [row] = await this.reader().byIds(resource, [id], caller, {}, permission);
    if (!row) throw accessDenied();
  }

  private require(resource: ResourceDefinition, caller: Caller, permission: Permission): void {
    if (caller.access(resource.type, permission) === 'none') throw accessDenied();
  }

  private relationship(resource: ResourceDefinition, name: string) {
    const rel = resource.relationships?.[name];
    if (!rel) throw JsonApiException.notFound(`The relationship "${name}" does not exist.`);
    return rel;
  }

  private query(resource: ResourceDefinition, request: RequestInfo, mode: QueryParseOptions['mode']): ListQuery {
    const parsed = parseListQuery(request.rawQuery, resource, this.registry.lookup, { mode, defaultPageSize: DEFAULT_PAGE_SIZE });
    if (!parsed.ok) throw new JsonApiException(parsed.errors);
    return parsed.query;
  }

  /**
   * Writes go to the module's command when it declares one (its business rules), else straight to the table; then the
   * relationships other modules added (extensions) go to their commands, in the same transaction.
   */
  private async persistCreate(resource: ResourceDefinition, input: ResourceInput, caller: Caller): Promise<string> {
    const [own, extended] = await this.splitExtensions(resource, input, caller);
    const command = resource.writes?.create?.(own, caller);
    const id = await this.guard(async () => (command ? String(await this.commands.execute(command as never)) : this.writer().insert(resource, own, caller)));
    for (const [extension, part] of extended) await this.sendExtension(extension.writes?.created?.(id, part, caller));
    return id;
  }

  private async persistUpdate(resource: ResourceDefinition, id: string, input: ResourceInput, caller: Caller): Promise<void> {
    const [own, extended] = await this.splitExtensions(resource, input, caller);
    const touched = extended.filter(([, part]) => Object.keys(part.relationships).length > 0);
    // A write of extension relationships only leaves the record itself alone.
    if (touched.length === 0 || Object.keys(own.attributes).length > 0 || Object.keys(own.relationships).length > 0) {
      const command = resource.writes?.update?.(id, own, caller);
      await this.guard(async () => (command ? this.commands.execute(command as never) : this.writer().update(resource, id, own)));
    }
    for (const [extension, part] of touched) await this.sendExtension(extension.writes?.updated?.(id, part, caller));
  }

  /**
   * The resource's own part of an input (with what the touched extensions imply where the client left it out), and
   * each extension's part (empty where the input does not touch it).
   */
  private async splitExtensions(resource: ResourceDefinition, input: ResourceInput, caller: Caller): Promise<[ResourceInput, Array<[ResourceExtension, ResourceInput]>]> {
    const extensions = this.registry.extensionsOf(resource.type);
    if (extensions.length === 0) return [input, []];
    const own: ResourceInput = { ...input, relationships: { ...input.relationships } };
    const parts: Array<[ResourceExtension, ResourceInput]> = [];
    for (const extension of extensions) {
      const relationships: ResourceInput['relationships'] = {};
      const relationshipTypes: Record<string, string> = {};
      for (const [name, rel] of Object.entries(extension.relationships)) {
        if (!(name in own.relationships)) continue;
        const type = input.relationshipTypes?.[name];
        if (rel.polymorphic && own.relationships[name] !== null) {
          // A polymorphic value belongs to the module of its type; null (no target) concerns both.
          if (!type || !Object.values(rel.polymorphic.types).includes(type)) continue;
          relationshipTypes[name] = type;
        }
        relationships[name] = own.relationships[name];
        if (!rel.polymorphic || own.relationships[name] !== null) delete own.relationships[name];
      }
      const part: ResourceInput = { attributes: {}, relationships, ...(Object.keys(relationshipTypes).length ? { relationshipTypes } : {}) };
      const implied = Object.keys(relationships).length > 0 ? extension.prepare?.(part, caller) : undefined;
      if (implied) {
        const values = (await this.guard(() => this.queries.execute(implied as never))) as ResourceInput['relationships'];
        for (const [name, value] of Object.entries(values ?? {})) if (own.relationships[name] == null) own.relationships[name] = value;
      }
      parts.push([extension, part]);
    }
    return [own, parts];
  }

  private async sendExtension(command: object | undefined): Promise<void> {
    if (command) await this.guard(() => this.commands.execute(command as never));
  }

  private async persistDelete(resource: ResourceDefinition, ids: string[], caller: Caller): Promise<void> {
    const command = resource.writes?.delete?.(ids, caller);
    await this.guard(async () => (command ? this.commands.execute(command as never) : this.writer().delete(resource, ids)));
  }

  /** The members of a to-many relationship after adding or removing some (for modules that replace the whole list). */
  private async membersAfter(resource: ResourceDefinition, id: string, name: string, ids: string[], mode: 'add' | 'remove'): Promise<string[]> {
    const current = (await this.reader().toManyIds(resource, name, [id], Number.MAX_SAFE_INTEGER)).get(id)!;
    return mode === 'add' ? [...new Set([...current, ...ids])] : current.filter((member) => !ids.includes(member));
  }

  private async guard<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      throw translateDatabaseError(error);
    }
  }

  private reader() {
    return new RecordReader(this.tx.manager, this.registry.lookup, this.config.apiMaxPageSize);
  }

  private writer() {
    return new RecordWriter(this.tx.manager, this.registry.lookup);
  }

  private documents(api: ApiName) {
    return new DocumentBuilder(this.reader(), this.registry.lookup, API_PREFIX[api]);
  }
}

function wants(headers: RequestInfo['headers'], what: string, header = 'x-include'): boolean {
  const value = headers[header];
  return [value].flat().some((v) => typeof v === 'string' && v.split(/[;,]/).map((s) => s.trim()).includes(what));
}

/** The `data` and `included` lists of a batch body, within their limits. */
function batchItems(body: unknown): { data: Array<Record<string, unknown>>; included: Array<Record<string, unknown>> } {
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const data = isObject(body) ? body.data : undefined;
  const included = isObject(body) ? (body.included ?? []) : [];
  if (!Array.isArray(data) || data.length === 0 || !data.every(isObject)) {
    throw JsonApiException.badRequest('request data constraint', 'The primary data should be a non-empty list of resource objects.', { pointer: '/data' });
  }
  if (data.length > MAX_BATCH_DATA) {
    throw JsonApiException.badRequest('request data constraint', `A synchronous batch takes at most ${MAX_BATCH_DATA} records.`, { pointer: '/data' });
  }
  if (!Array.isArray(included) || !included.every(isObject) || included.length > MAX_BATCH_INCLUDED) {
    throw JsonApiException.badRequest('request data constraint', `"included" should be a list of at most ${MAX_BATCH_INCLUDED} resource objects.`, { pointer: '/included' });
  }
  return { data, included };
}

function accessDenied(): JsonApiException {
  return JsonApiException.forbidden();
}

function emptyQuery(): ListQuery {
  return { filters: [], sort: [], page: { number: 1, size: 2 }, include: [], fields: {}, meta: [] };
}
