import { Inject, Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { AppConfigService } from '../config/app-config.service';
import { TransactionRunner } from '../database/transaction-runner';
import { ASYNC_BATCHES, type AsyncBatches } from './async-batches';
import { type Caller, type Permission, withOwnerView } from './caller';
import { ResourceInput, type TemporaryIds, parseLinkage, parseResourceBody } from './documents/parse-resource-body';
import { DocumentBuilder, type ResourceObject } from './documents/document-builder';
import { Constraint, ConstraintMessage } from '../errors/constraint';
import { JsonApiException } from './json-api-exception';
import type { JsonApiResponse } from './json-api-response';
import { pagingLinks } from './paging-links';
import type { ListQuery, QueryParseOptions, SortKeys } from './query/list-query';
import { parseListQuery } from './query/parse-list-query';
import { API_PREFIX } from './api-name';
import { ApiName, ResourceDefinition, ResourceExtension, columnName, targetTypesOf } from './resource-definition';
import { RESOURCE_REGISTRY, ResourceRegistry } from './resource-registry';
import { RecordReader, ResourceRow } from './sql/record-reader';
import { RecordWriter } from './sql/record-writer';
import { type WriteContext, translateDatabaseError } from './translate-database-error';
import { type WriteItem, itemKey, linkedGroups, planCompoundWrite, temporaryIdOf } from './documents/compound-write-plan';

const DEFAULT_PAGE_SIZE = 10;
/** An input split between the resource's own part and each extension's part. */
type ExtensionSplit = [own: ResourceInput, parts: Array<[ResourceExtension, ResourceInput]>];
/** Most records one DELETE-list request may remove (Oro's max_delete_entities). */
export const MAX_DELETE_ROWS = 100;
/** Limits of a synchronous batch (Oro's sync_processing_limit and sync_processing_included_data_limit). */
export const MAX_BATCH_DATA = 100;
export const MAX_BATCH_INCLUDED = 50;
/** Primary records per chunk of an asynchronous batch (Oro's chunk_size). */
export const ASYNC_CHUNK_SIZE = 100;
/** The kind of asynchronous operation a batch is. */
export const BATCH_OPERATION = 'batch';

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
    private readonly config: AppConfigService,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(ASYNC_BATCHES) private readonly operations: AsyncBatches,
  ) {}

  async list(resource: ResourceDefinition, request: RequestInfo): Promise<JsonApiResponse> {
    this.require(resource, request.caller, 'VIEW');
    return this.listOf(resource, this.query(resource, request, 'list'), `${API_PREFIX[request.api]}/${resource.type}`, request);
  }

  /**
   * A whole list read page after page (exports): `size` records after the one whose sort keys are `after` (null: from
   * the start), as `GET /{type}` with the same filters and sort would order them, and the keys of the page's last
   * record (null when it was the last page). Keyset reads, so a page costs the same at the end of a long list.
   */
  async listAfter(resource: ResourceDefinition, request: RequestInfo, after: SortKeys | null, size: number): Promise<{ data: ResourceObject[]; last: SortKeys | null }> {
    this.require(resource, request.caller, 'VIEW');
    const query: ListQuery = { ...this.query(resource, request, 'list'), page: { number: 1, size }, keyset: { after } };
    const { rows, hasNext, lastKeys } = await this.reader(request.api).list(resource, query, request.caller, {}, size);
    const document = await this.documents(request.api).build(resource, rows, query, request.caller);
    return { data: document.data, last: hasNext ? (lastKeys ?? null) : null };
  }

  /** A page of a list (a resource's own, or the related list of a record's to-many), with its links and total count. */
  private async listOf(resource: ResourceDefinition, query: ListQuery, path: string, request: RequestInfo): Promise<JsonApiResponse> {
    const reader = this.reader(request.api);
    const { rows, hasNext } = await reader.list(resource, query, request.caller, { withTitle: query.meta.includes('title') }, this.config.get('apiMaxPageSize'));
    const document = await this.documents(request.api).build(resource, rows, query, request.caller);
    const headers: Record<string, string> = {};
    if (wants(request.headers, 'totalCount')) headers['x-include-total-count'] = String(await reader.count(resource, query, request.caller));
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

  /**
   * `POST /{type}`. With `included`, the included records are created (or, with `meta.update`, updated) in the same
   * transaction, in the order their relationships need, and their temporary ids are resolved (api.md A.5 rules,
   * Oro's "create and update related entities together"); the answer includes them with `meta.includeId`.
   */
  async create(resource: ResourceDefinition, body: unknown, request: RequestInfo): Promise<JsonApiResponse> {
    const query = this.query(resource, request, 'single');
    const primary = primaryItem(body, resource, false);
    const included = this.includedItems(body, request.api);
    const written = await this.tx.run(() => this.writeCompound([primary, ...included], request.caller));
    const { id, created } = written.get(primary)!;
    const row = await this.visible(resource, id, request.caller, 'VIEW');
    return { status: created ? 201 : 200, body: await this.single(resource, row, query, request, this.writtenEntries(included, written)) };
  }

  /** `PATCH /{type}/{id}`, with included records as on create. */
  async update(resource: ResourceDefinition, id: string, body: unknown, request: RequestInfo): Promise<JsonApiResponse> {
    const query = this.query(resource, request, 'single');
    const primary = { ...primaryItem(body, resource, true), clientId: id };
    const included = this.includedItems(body, request.api);
    const written = await this.tx.run(() => this.writeCompound([primary, ...included], request.caller));
    // The record that holds the change: itself, or the copy an update made (a predefined storefront role edited).
    const row = await this.visible(resource, written.get(primary)!.id, request.caller, 'VIEW');
    return { status: 200, body: await this.single(resource, row, query, request, this.writtenEntries(included, written)) };
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
      const ids = await this.reader(request.api).idsMatching(resource, query, request.caller, MAX_DELETE_ROWS + 1);
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
    if (!wants(request.headers, 'sync', 'x-mode')) return this.asyncBatch(resource, body, request);
    const { data, included } = batchItems(body, MAX_BATCH_DATA, MAX_BATCH_INCLUDED);
    const dataItems = data.map((object, i) => batchItem(object, resource, `/data/${i}`));
    const includedItems = this.includedItems({ included }, request.api);
    const written = await this.tx.run(() => this.writeCompound([...dataItems, ...includedItems], request.caller));
    const query = this.query(resource, { ...request, rawQuery: '' }, 'single');
    const dataIds = dataItems.map((item) => written.get(item)!.id);
    const rows = await this.reader(request.api).byIds(resource, dataIds, request.caller);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const document = await this.documents(request.api).build(resource, dataIds.map((id) => byId.get(id)!).filter(Boolean), query, request.caller);
    document.data.forEach((object, i) => {
      if (dataItems[i].clientId !== undefined) object.meta = { ...object.meta, dataId: dataItems[i].clientId };
    });
    const includedObjects = await this.renderWritten(this.writtenEntries(includedItems, written), request);
    return { status: 200, body: { data: document.data, ...(includedObjects.length ? { included: includedObjects } : {}) } };
  }

  /**
   * `PATCH /{type}` without `X-Mode: sync`: the batch becomes an asynchronous operation (202, `Content-Location`). Its
   * records are grouped with the included records they link to and packed into chunks of 100 primary records, each
   * written in one transaction by the background job; a refused group does not stop the others.
   */
  private async asyncBatch(resource: ResourceDefinition, body: unknown, request: RequestInfo): Promise<JsonApiResponse> {
    const operations = this.registry.forApi(request.api).get('asyncoperations');
    // Operations are a back-office resource: the storefront takes synchronous batches only.
    if (!operations?.apis.includes(request.api)) {
      throw JsonApiException.badRequest(Constraint.REQUEST_TYPE, 'This API takes synchronous batches only: send the header "X-Mode: sync".');
    }
    const { data, included } = batchItems(body, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER);
    const items = [...data.map((object, i) => batchItem(object, resource, `/data/${i}`)), ...this.includedItems({ included }, request.api)];
    const { groups, unlinked } = linkedGroups(items);
    const chunks: SerializedItem[][][] = [];
    let primaries = Infinity;
    for (const group of groups) {
      const count = group.filter((item) => item.primary).length;
      if (primaries + count > ASYNC_CHUNK_SIZE) {
        chunks.push([]);
        primaries = 0;
      }
      chunks[chunks.length - 1].push(group.map(serializeItem));
      primaries += count;
    }
    const errors = unlinked.map((item) => ({
      status: '400',
      title: Constraint.REQUEST_DATA,
      detail: 'The entity should have a relationship with at least one primary entity and this should be explicitly specified in the request',
      source: { pointer: item.pointer },
    }));
    const id = await this.operations.start({ kind: BATCH_OPERATION, entityType: resource.type, caller: request.caller, chunks, errors });
    const caller = withOwnerView(request.caller, operations);
    const row = await this.visible(operations, id, caller, 'VIEW');
    const document = await this.single(operations, row, emptyQuery(), { ...request, caller });
    return { status: 202, headers: { 'content-location': `${API_PREFIX[request.api]}/asyncoperations/${id}` }, body: document };
  }

  /**
   * Writes one group of an asynchronous batch (records serialized by `asyncBatch`) in the current transaction; a
   * refusal throws its JsonApiException. Answers how many records it created and updated.
   */
  async writeBatchGroup(group: SerializedItem[], caller: Caller): Promise<{ created: number; updated: number }> {
    const written = await this.writeRecords(group, caller);
    const primaries = written.filter((_, i) => group[i].primary);
    return { created: primaries.filter((w) => w.created).length, updated: primaries.filter((w) => !w.created).length };
  }

  /**
   * Writes records given as a compound document's items (temporary ids linking them) in the current transaction, with
   * every rule a request would meet: the resources' module commands and the relationships other modules added
   * (e.g. a new customer's account). Answers each item's stored id, in the order given.
   */
  async writeRecords(group: SerializedItem[], caller: Caller): Promise<Array<{ id: string; created: boolean }>> {
    const items = group.map((item) => {
      const resource = this.registry.forApi(caller.api).get(item.type);
      if (!resource) throw JsonApiException.badRequest(Constraint.ENTITY_TYPE, `Unknown entity type: ${item.type}.`, { pointer: `${item.pointer}/type` });
      const { type: _type, ...rest } = item;
      return { ...rest, resource };
    });
    const written = await this.writeCompound(items, caller);
    return items.map((item) => written.get(item)!);
  }

  /**
   * New records of one type written together when its module offers `createMany` (a CSV import's set-based path).
   * Each is checked as a single create is (its document, the caller's CREATE and ASSIGN, its related records, read
   * once per target type); the refused ones come back with their errors, the others go to one command (and one per
   * extension offering `createdMany`). To-many relationships are checked as to-one ones are (every id there and
   * visible); the command must accept them. Null when the type has no such command.
   * A refusal of the command itself throws: the caller then writes the records one by one.
   */
  async createMany(type: string, objects: Array<Record<string, unknown>>, caller: Caller): Promise<Array<{ id: string } | { error: JsonApiException }> | null> {
    const resource = this.registry.get(type);
    const createMany = resource?.writes?.createMany;
    if (!resource || !createMany) return null;
    this.require(resource, caller, 'CREATE');
    const results: Array<{ id: string } | { error: JsonApiException }> = new Array(objects.length);
    const parsed: Array<[number, ResourceInput]> = [];
    for (const [i, object] of objects.entries()) {
      try {
        const input = parseResourceBody({ data: object }, resource, 'create', undefined, '/data', undefined, this.registry.lookup);
        this.checkAssignment(resource, input, caller, '/data');
        parsed.push([i, input]);
      } catch (error) {
        if (!(error instanceof JsonApiException)) throw error;
        results[i] = { error };
      }
    }
    const typeOf = (input: ResourceInput, name: string) => input.relationshipTypes?.[name] ?? resource.relationships![name].type;
    const wanted = new Map<string, Set<string>>();
    for (const [, input] of parsed) {
      for (const [name, value] of Object.entries(input.relationships)) {
        const ids = Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : [];
        for (const id of ids) wanted.set(typeOf(input, name), (wanted.get(typeOf(input, name)) ?? new Set()).add(id));
      }
    }
    const found = new Map<string, Set<string>>();
    for (const [targetType, ids] of wanted) {
      const target = this.registry.get(targetType);
      // Only whether each is there (and visible): no field of theirs is read.
      found.set(targetType, new Set(target ? (await this.reader(caller.api).byIds(target, [...ids], caller, { fields: [] })).map((row) => row.id) : []));
    }
    const valid = parsed.filter(([i, input]) => {
      const missing = Object.entries(input.relationships).find(([name, value]) =>
        (Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : []).some((id) => !found.get(typeOf(input, name))!.has(id)),
      );
      if (missing) results[i] = { error: JsonApiException.badRequest(Constraint.FORM, ConstraintMessage.ENTITY_NOT_FOUND, { pointer: `/data/relationships/${missing[0]}/data` }) };
      return !missing;
    });
    if (valid.length === 0) return results;
    const context = { resource, pointer: '/data' };
    const split: ExtensionSplit[] = [];
    for (const [, input] of valid) {
      const parts = this.splitExtensions(resource, input, caller, context);
      split.push(parts instanceof Promise ? await parts : parts);
    }
    const ids = (await this.guard(() => this.commands.execute(createMany(split.map(([own]) => own), caller) as never), context)) as string[];
    const extensions = split[0][1].map(([extension]) => extension);
    for (const [k, extension] of extensions.entries()) {
      const parts = split.map(([, extended]) => extended[k][1]);
      const together = extension.writes?.createdMany?.(ids, parts, caller);
      if (together) await this.sendExtension(together, context);
      else for (const [n, id] of ids.entries()) await this.sendExtension(extension.writes?.created?.(id, parts[n], caller), context);
    }
    valid.forEach(([i], n) => (results[i] = { id: ids[n] }));
    return results;
  }

  /**
   * The records of a type the caller may see whose attribute equals one of the values: value → the lowest such id
   * (a CSV import finds records by name, code or e-mail this way).
   */
  async idsByAttribute(type: string, attribute: string, values: string[], caller: Caller): Promise<Map<string, string>> {
    const resource = this.registry.get(type);
    const found = new Map<string, string>();
    if (!resource || values.length === 0) return found;
    if (resource.attributes[attribute]?.equalityIndexed) {
      // One index probe per value, whatever the table's size (see `lowestIdsByValue`).
      return this.reader(caller.api).lowestIdsByValue(resource, attribute, values, caller);
    }
    const filters = [{ field: attribute, target: 'attribute' as const, operator: 'eq' as const, values: values.map((value) => ({ kind: 'value' as const, value })), parameter: attribute }];
    const { rows } = await this.reader(caller.api).list(resource, { ...emptyQuery(), filters, page: { number: 1, size: -1 } }, caller, { fields: [attribute] }, 10 * values.length + 100);
    for (const row of rows) {
      const value = String(row.attributes[attribute]);
      if (!found.has(value)) found.set(value, row.id);
    }
    return found;
  }

  /**
   * `GET /{type}/{id}/{relationship}`: the related record as a full resource, or for a to-many the related records as a
   * list (Oro's subresource): paged, filtered and sorted like the target's own list, with its links and total count.
   */
  async related(resource: ResourceDefinition, id: string, name: string, request: RequestInfo): Promise<JsonApiResponse> {
    const rel = this.relationship(resource, name);
    const owner = await this.visible(resource, id, request.caller, 'VIEW');
    const target = this.registry.forApi(request.api).get(owner.toOneTypes?.[name] ?? rel.type);
    if (!target) throw JsonApiException.notFound();
    if (rel.cardinality === 'many') return this.listOf(target, { ...this.query(target, request, 'list'), within: { resource, name, id } }, `${API_PREFIX[request.api]}/${resource.type}/${id}/${name}`, request);
    const query = this.query(target, request, 'single');
    const rows = owner.toOne[name] ? await this.reader(request.api).byIds(target, [owner.toOne[name]!], request.caller, { withTitle: query.meta.includes('title') }) : [];
    const document = await this.documents(request.api).build(target, rows, query, request.caller);
    return { status: 200, body: { data: document.data[0] ?? null, ...(query.include.length ? { included: document.included } : {}) } };
  }

  /** `GET /{type}/{id}/relationships/{relationship}`: resource identifiers only; a to-many's paged like a list. */
  async relationshipIds(resource: ResourceDefinition, id: string, name: string, request: RequestInfo): Promise<JsonApiResponse> {
    const rel = this.relationship(resource, name);
    const owner = await this.visible(resource, id, request.caller, 'VIEW');
    if (rel.cardinality === 'one') {
      const type = owner.toOneTypes?.[name] ?? rel.type;
      let target = owner.toOne[name];
      if (target && request.api === 'storefront') {
        const definition = this.registry.forApi(request.api).get(type);
        if (!definition || (await this.reader(request.api).byIds(definition, [target], request.caller, { fields: [] })).length === 0) target = null;
      }
      return { status: 200, body: { data: target ? { type, id: target } : null } };
    }
    const target = this.registry.forApi(request.api).get(rel.type);
    if (!target) throw JsonApiException.notFound();
    const { page } = this.query(target, request, 'list');
    const paged = await this.reader(request.api).toManyPage(resource, name, id, page, this.config.get('apiMaxPageSize'));
    let ids = paged.ids;
    if (request.api === 'storefront') {
      // Only records the caller may see: no id of another company leaks through a relationship.
      const visible = new Set((await this.reader(request.api).byIds(target, ids, request.caller, { fields: [] })).map((row) => row.id));
      ids = ids.filter((targetId) => visible.has(targetId));
    }
    const path = `${API_PREFIX[request.api]}/${resource.type}/${id}/relationships/${name}`;
    return {
      status: 200,
      body: {
        data: ids.map((targetId) => ({ type: rel.type, id: targetId })),
        ...(wants(request.headers, 'noHateoas') ? {} : { links: pagingLinks(path, request.rawQuery, page, paged.hasNext) }),
      },
    };
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
    const linkage = parseLinkage(data, targetTypesOf(rel), rel.cardinality, typeof body === 'object' && body !== null && 'data' in body, undefined, this.registry.forApi(request.api).lookup);
    if (linkage !== null && typeof linkage === 'object' && 'error' in linkage) {
      throw JsonApiException.badRequest(linkage.constraint ?? Constraint.RELATIONSHIP, linkage.error, { pointer: '/data' });
    }
    if ((rel.required || rel.notNull) && linkage === null) throw JsonApiException.badRequest(Constraint.NOT_BLANK, ConstraintMessage.NOT_BLANK, { pointer: '/data' });
    await this.tx.run(async () => {
      await this.editable(resource, id, request.caller, 'EDIT');
      const input: ResourceInput = { attributes: {}, relationships: { [name]: linkage as string | null | string[] } };
      if (rel.polymorphic && linkage !== null) input.relationshipTypes = { [name]: String((data as { type: string }).type) };
      if (mode !== 'remove') await this.checkTargets(resource, input, request.caller);
      if (rel.cardinality === 'one' || resource.writes?.update) {
        if (rel.cardinality === 'many' && mode !== 'replace') input.relationships[name] = await this.membersAfter(resource, id, name, linkage as string[], mode, request.api);
        await this.persistUpdate(resource, id, input, request.caller);
      } else {
        await this.guard(() => this.writer(request.api).changeToMany(resource, id, name, linkage as string[], mode), { resource });
      }
    });
    return { status: 204 };
  }

  /** The included records of a body, each checked to be a resource object of a type this API serves. */
  private includedItems(body: unknown, api: ApiName): WriteItem[] {
    const included = isObject(body) ? body.included : undefined;
    if (included === undefined) return [];
    if (!Array.isArray(included)) throw JsonApiException.badRequest(Constraint.REQUEST_DATA, "The 'included' property should be an array.", { pointer: '/included' });
    return included.map((object, i) => {
      const pointer = `/included/${i}`;
      if (!isObject(object)) throw JsonApiException.badRequest(Constraint.REQUEST_DATA, 'The item should be an object.', { pointer });
      const target = typeof object.type === 'string' ? this.registry.forApi(api).get(object.type) : undefined;
      if (!target || !target.apis.includes(api)) {
        throw JsonApiException.badRequest(Constraint.ENTITY_TYPE, `Unknown entity type: ${String(object.type).slice(0, 100)}.`, { pointer: `${pointer}/type` });
      }
      if (typeof object.id !== 'string' || object.id === '') {
        throw JsonApiException.badRequest(Constraint.REQUEST_DATA, "The 'id' property should be a non-empty string.", { pointer: `${pointer}/id` });
      }
      const meta = isObject(object.meta) ? object.meta : {};
      return { resource: target, object, pointer, primary: false, update: meta.update === true, clientId: object.id, meta, temporaryId: meta.update !== true };
    });
  }

  /**
   * Writes the records of a compound document in the caller's transaction, in the order the plan gives (each after the
   * new records it points to), resolving temporary ids to the stored ones as it goes.
   */
  private async writeCompound(items: WriteItem[], caller: Caller): Promise<Map<WriteItem, { id: string; created: boolean }>> {
    const plan = planCompoundWrite(items);
    const stored = new Map<string, string>();
    const temporaryIds = (type: string, id: string) => stored.get(itemKey(type, id));
    const written = new Map<WriteItem, { id: string; created: boolean }>();
    for (const { item, object } of plan.steps) {
      const result = await this.writeItem(item, object, item.temporaryId || plan.referenced.has(item), temporaryIds, caller);
      written.set(item, result);
      stored.set(itemKey(item.resource.type, temporaryIdOf(item)), result.id);
    }
    for (const { item, object } of plan.deferred) {
      const id = written.get(item)!.id;
      await this.writeItem({ ...item, update: true, clientId: id }, { ...object, id }, false, temporaryIds, caller);
    }
    return written;
  }

  private async writeItem(
    item: WriteItem,
    object: Record<string, unknown>,
    temporaryId: boolean,
    temporaryIds: TemporaryIds,
    caller: Caller,
  ): Promise<{ id: string; created: boolean }> {
    const { resource, pointer, update } = item;
    if (!ResourceRegistry.offers(resource, update ? 'update' : 'create')) {
      throw JsonApiException.badRequest('action not allowed exception', 'The action is not allowed.', { pointer });
    }
    const input = parseResourceBody({ data: object, meta: item.meta }, resource, update ? 'update' : 'create', update ? item.clientId : undefined, pointer, temporaryIds, this.registry.forApi(caller.api).lookup);
    if (update) {
      await this.editable(resource, input.id!, caller, 'EDIT');
      await this.checkTargets(resource, input, caller, pointer);
      const holder = await this.persistUpdate(resource, input.id!, input, caller, pointer);
      return { id: holder ?? input.id!, created: false };
    }
    // The client's id of a new record that other records refer to is temporary: the server gives the stored one.
    if (input.id !== undefined && !input.upsert && temporaryId) delete input.id;
    return this.createOrUpsert(resource, input, caller, pointer);
  }

  /** The written included records, with the client's ids, for the answer. */
  private writtenEntries(items: WriteItem[], written: Map<WriteItem, { id: string }>): WrittenEntry[] {
    return items.map((item) => ({ resource: item.resource, id: written.get(item)!.id, clientId: item.clientId }));
  }

  /** Resource objects of written records, read with one query per resource type, each with `meta.includeId`. */
  private async renderWritten(entries: WrittenEntry[], request: RequestInfo) {
    const objects = new Map<WrittenEntry, ResourceObject>();
    const query = emptyQuery();
    for (const resource of new Set(entries.map((entry) => entry.resource))) {
      const mine = entries.filter((entry) => entry.resource === resource);
      const rows = await this.reader(request.api).byIds(resource, [...new Set(mine.map((entry) => entry.id))], request.caller);
      const built = await this.documents(request.api).build(resource, rows, query, request.caller);
      const byId = new Map(built.data.map((object) => [object.id, object]));
      for (const entry of mine) {
        const object = byId.get(entry.id);
        if (object) objects.set(entry, { ...object, meta: { ...object.meta, ...(entry.clientId !== undefined ? { includeId: entry.clientId } : {}) } });
      }
    }
    return entries.map((entry) => objects.get(entry)).filter((object): object is ResourceObject => object !== undefined);
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
      await this.persistUpdate(resource, existing, input, caller, pointer);
      return { id: existing, created: false };
    }
    if (input.id !== undefined) {
      throw JsonApiException.badRequest(Constraint.ENTITY_ID, 'Identifiers are generated by the server; leave "id" out (or use meta.upsert).', {
        pointer: `${pointer}/id`,
      });
    }
    this.require(resource, caller, 'CREATE');
    await this.checkTargets(resource, input, caller, pointer);
    return { id: await this.persistCreate(resource, input, caller, pointer), created: true };
  }

  /** `meta.upsert`: the id (true) or the listed attributes find at most one record to update. */
  private async upsertMatch(resource: ResourceDefinition, input: ResourceInput, caller: Caller): Promise<string | undefined> {
    if (!input.upsert) return undefined;
    if (input.upsert === true) {
      if (input.id === undefined) return undefined;
      const [row] = await this.reader(caller.api).byIds(resource, [input.id], caller);
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
    const matches = await this.reader(caller.api).idsMatching(resource, { ...emptyQuery(), filters }, caller, 2);
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
      const target = this.registry.forApi(caller.api).get(input.relationshipTypes?.[name] ?? resource.relationships![name].type);
      const found = target ? await this.reader(caller.api).byIds(target, ids, caller) : [];
      if (found.length !== new Set(ids).size) {
        throw JsonApiException.badRequest(Constraint.FORM, ConstraintMessage.ENTITY_NOT_FOUND, { pointer: `${pointer}/relationships/${name}/data` });
      }
    }
  }

  /** One record's document; `written` adds the included records a write created or updated, marked with `includeId`. */
  private async single(resource: ResourceDefinition, row: ResourceRow, query: ListQuery, request: RequestInfo, written: WrittenEntry[] = []) {
    const document = await this.documents(request.api).build(resource, [row], query, request.caller);
    const writtenObjects = await this.renderWritten(written, request);
    const byKey = new Map(writtenObjects.map((object) => [`${object.type}:${object.id}`, object]));
    const included = query.include.length ? document.included.map((object) => byKey.get(`${object.type}:${object.id}`) ?? object) : [];
    for (const object of writtenObjects) if (!included.some((o) => o.type === object.type && o.id === object.id)) included.push(object);
    return { data: document.data[0], ...(included.length || query.include.length ? { included } : {}) };
  }

  /** The record if the caller may see it, else 404 (a record outside its visibility does not exist for it). */
  private async visible(resource: ResourceDefinition, id: string, caller: Caller, permission: Permission) {
    const [row] = await this.reader(caller.api).byIds(resource, [id], caller, { withTitle: true }, permission);
    if (!row) throw JsonApiException.notFound();
    return row;
  }

  /** 404 if invisible, 403 if visible but not changeable with `permission`. */
  private async editable(resource: ResourceDefinition, id: string, caller: Caller, permission: Permission): Promise<void> {
    await this.visible(resource, id, caller, 'VIEW');
    const [row] = await this.reader(caller.api).byIds(resource, [id], caller, {}, permission);
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
    const parsed = parseListQuery(request.rawQuery, resource, this.registry.forApi(request.api).lookup, { mode, defaultPageSize: DEFAULT_PAGE_SIZE, maxPageSize: this.config.get('apiMaxPageSize') });
    if (!parsed.ok) throw new JsonApiException(parsed.errors);
    return parsed.query;
  }

  /**
   * Writes go to the module's command when it declares one (its business rules), else straight to the table; then the
   * relationships other modules added (extensions) go to their commands, in the same transaction.
   */
  private async persistCreate(resource: ResourceDefinition, input: ResourceInput, caller: Caller, pointer = '/data'): Promise<string> {
    const context = { resource, pointer };
    const [own, extended] = await this.splitExtensions(resource, input, caller, context);
    const command = resource.writes?.create?.(own, caller);
    const id = await this.guard(async () => (command ? String(await this.commands.execute(command as never)) : this.writer(caller.api).insert(resource, own, caller)), context);
    for (const [extension, part] of extended) await this.sendExtension(extension.writes?.created?.(id, part, caller), context);
    return id;
  }

  /**
   * Answers the id of another record when the module's command put the change there instead (it answers that id as a
   * string: a predefined storefront role is never changed, a copy is), else undefined.
   */
  private async persistUpdate(resource: ResourceDefinition, id: string, input: ResourceInput, caller: Caller, pointer = '/data'): Promise<string | undefined> {
    const context = { resource, pointer };
    const [own, extended] = await this.splitExtensions(resource, input, caller, context);
    const touched = extended.filter(([, part]) => Object.keys(part.relationships).length > 0);
    let holder: string | undefined;
    // A write of extension relationships only leaves the record itself alone.
    if (touched.length === 0 || Object.keys(own.attributes).length > 0 || Object.keys(own.relationships).length > 0) {
      const command = resource.writes?.update?.(id, own, caller);
      const result = await this.guard(async () => (command ? this.commands.execute(command as never) : this.writer(caller.api).update(resource, id, own)), context);
      if (resource.writes?.updateMayCopy && typeof result === 'string' && result !== id) holder = result;
    }
    for (const [extension, part] of touched) await this.sendExtension(extension.writes?.updated?.(id, part, caller), context);
    return holder;
  }

  /**
   * The resource's own part of an input (with what the touched extensions imply where the client left it out), and
   * each extension's part (empty where the input does not touch it).
   */
  private splitExtensions(resource: ResourceDefinition, input: ResourceInput, caller: Caller, context: WriteContext): ExtensionSplit | Promise<ExtensionSplit> {
    const extensions = this.registry.forApi(caller.api).extensionsOf(resource.type);
    if (extensions.length === 0) return [input, []];
    return this.splitFrom(extensions, 0, input, [{ ...input, relationships: { ...input.relationships } }, []], caller, context);
  }

  /**
   * The parts of the extensions from the `from`-th on. A promise only when one of them has a query to answer first: a
   * set-based create splits thousands of inputs, and an await each (a promise and a microtask) was about 5% of an
   * import's CPU with the integration loaded (measured).
   */
  private splitFrom(
    extensions: readonly ResourceExtension[],
    from: number,
    input: ResourceInput,
    split: ExtensionSplit,
    caller: Caller,
    context: WriteContext,
  ): ExtensionSplit | Promise<ExtensionSplit> {
    const [own, parts] = split;
    for (let k = from; k < extensions.length; k++) {
      const extension = extensions[k];
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
      parts.push([extension, part]);
      const implied = Object.keys(relationships).length > 0 ? extension.prepare?.(part, caller) : undefined;
      if (implied) {
        return this.guard(() => this.queries.execute(implied as never), context).then((values) => {
          for (const [name, value] of Object.entries((values ?? {}) as ResourceInput['relationships'])) if (own.relationships[name] == null) own.relationships[name] = value;
          return this.splitFrom(extensions, k + 1, input, split, caller, context);
        });
      }
    }
    return split;
  }

  private async sendExtension(command: object | undefined, context: WriteContext): Promise<void> {
    if (command) await this.guard(() => this.commands.execute(command as never), context);
  }

  private async persistDelete(resource: ResourceDefinition, ids: string[], caller: Caller): Promise<void> {
    const command = resource.writes?.delete?.(ids, caller);
    await this.guard(async () => (command ? this.commands.execute(command as never) : this.writer(caller.api).delete(resource, ids)), { resource });
  }

  /** The members of a to-many relationship after adding or removing some (for modules that replace the whole list). */
  private async membersAfter(resource: ResourceDefinition, id: string, name: string, ids: string[], mode: 'add' | 'remove', api: ApiName): Promise<string[]> {
    const current = (await this.reader(api).toManyIds(resource, name, [id], Number.MAX_SAFE_INTEGER)).get(id)!;
    return mode === 'add' ? [...new Set([...current, ...ids])] : current.filter((member) => !ids.includes(member));
  }

  private async guard<T>(write: () => Promise<T>, context: WriteContext = {}): Promise<T> {
    try {
      return await write();
    } catch (error) {
      throw translateDatabaseError(error, context);
    }
  }

  private reader(api: ApiName) {
    return new RecordReader(this.tx.manager, this.registry.forApi(api).lookup);
  }

  private writer(api: ApiName) {
    return new RecordWriter(this.tx.manager, this.registry.forApi(api).lookup);
  }

  private documents(api: ApiName) {
    return new DocumentBuilder(this.reader(api), this.registry.forApi(api).lookup, API_PREFIX[api], api === 'storefront');
  }
}

function wants(headers: RequestInfo['headers'], what: string, header = 'x-include'): boolean {
  const value = headers[header];
  return [value].flat().some((v) => typeof v === 'string' && v.split(/[;,]/).map((s) => s.trim()).includes(what));
}

/** The `data` and `included` lists of a batch body, within their limits. */
function batchItems(body: unknown, maxData: number, maxIncluded: number): { data: Array<Record<string, unknown>>; included: Array<Record<string, unknown>> } {
  const data = isObject(body) ? body.data : undefined;
  const included = isObject(body) ? (body.included ?? []) : [];
  if (!Array.isArray(data) || data.length === 0 || !data.every(isObject)) {
    throw JsonApiException.badRequest('request data constraint', 'The primary data should be a non-empty list of resource objects.', { pointer: '/data' });
  }
  if (data.length > maxData) {
    throw JsonApiException.badRequest('request data constraint', `A synchronous batch takes at most ${maxData} records.`, { pointer: '/data' });
  }
  if (!Array.isArray(included) || !included.every(isObject) || included.length > maxIncluded) {
    throw JsonApiException.badRequest('request data constraint', `"included" should be a list of at most ${maxIncluded} resource objects.`, { pointer: '/included' });
  }
  return { data, included };
}

/** A record of an asynchronous batch as a chunk stores it (the resource by its type). */
export type SerializedItem = Omit<WriteItem, 'resource'> & { type: string };

function serializeItem({ resource, ...item }: WriteItem): SerializedItem {
  return { ...item, type: resource.type };
}

/** A written record for the answer: its resource, stored id and the client's id. */
interface WrittenEntry {
  resource: ResourceDefinition;
  id: string;
  clientId?: string;
}

/** The primary record of a single create or update (its problems are reported when it is parsed). */
function primaryItem(body: unknown, resource: ResourceDefinition, update: boolean): WriteItem {
  const object = isObject(body) && isObject(body.data) ? body.data : undefined;
  if (!object) throw JsonApiException.badRequest(Constraint.REQUEST_DATA, 'The primary data object should exist.', { pointer: '/data' });
  const meta = isObject(body) && body.meta !== undefined ? body.meta : object.meta;
  return { resource, object, pointer: '/data', primary: true, update, clientId: typeof object.id === 'string' ? object.id : undefined, meta };
}

/** A record of a batch's `data`: a non-numeric id on a new record is the client's temporary id. */
function batchItem(object: Record<string, unknown>, resource: ResourceDefinition, pointer: string): WriteItem {
  const meta = isObject(object.meta) ? object.meta : {};
  const clientId = typeof object.id === 'string' ? object.id : undefined;
  const update = meta.update === true;
  return { resource, object, pointer, primary: true, update, clientId, meta, temporaryId: !update && clientId !== undefined && !/^\d+$/.test(clientId) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function accessDenied(): JsonApiException {
  return JsonApiException.forbidden();
}

function emptyQuery(): ListQuery {
  return { filters: [], sort: [], page: { number: 1, size: 2 }, include: [], fields: {}, meta: [] };
}
