import { Inject, Injectable } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import type { Caller } from '../json-api/caller';
import { JsonApiException } from '../json-api/json-api-exception';
import { JsonApiService } from '../json-api/json-api.service';
import { RESOURCE_REGISTRY, type ResourceRegistry } from '../json-api/resource-registry';
import { type ImportColumn, type ImportFormat, headersOf } from './import-format';
import { ImportFormats } from './import-formats';

type ResourceObject = { id: string; attributes?: Record<string, unknown>; relationships?: Record<string, { data?: unknown }> };

/** List-query parameters an export ignores: it pages by itself and writes every column. */
const IGNORED = /^(page\[|include$|fields\[|meta$)/;

/**
 * CSV exports in the import format (so an export imports back): the records the list API would answer for the same
 * filters and sort, read page by page as the caller (its visibility), one row each. Cells are escaped against formula
 * injection by the CSV writer, not here.
 */
@Injectable()
export class Exports {
  constructor(
    private readonly formats: ImportFormats,
    private readonly service: JsonApiService,
    @Inject(RESOURCE_REGISTRY) private readonly registry: ResourceRegistry,
    private readonly config: AppConfigService,
  ) {}

  /** The template of a type: its header and one example row. */
  template(type: string): string[][] {
    const format = this.format(type);
    const columns = exported(format);
    return [columns.flatMap((c) => headersOf(c, 1)), columns.map((c) => c.example ?? '')];
  }

  /** The header, then one row per record matching `rawQuery`'s filters (`filter[…]`, `sort`). */
  async *rows(type: string, rawQuery: string, caller: Caller): AsyncGenerator<string[]> {
    const format = this.format(type);
    const resource = this.registry.get(type)!;
    const columns = exported(format);
    const query = rawQuery.split('&').filter((p) => p && !IGNORED.test(decodeURIComponent(p.split('=')[0]))).join('&');
    const size = Math.min(this.config.get('apiMaxPageSize'), 1000);
    const page = (number: number) => this.service.list(resource, { api: 'admin', rawQuery: `${query}${query ? '&' : ''}page[size]=${size}&page[number]=${number}`, headers: { 'x-include': 'noHateoas' }, caller });
    // Numbered columns (roles, e-mails) get as many as the longest list needs: one pass to count them.
    const counts = new Map<ImportColumn, number>(columns.map((c) => [c, 1]));
    if (columns.some((c) => c.header.includes('{n}'))) {
      for (let number = 1; ; number += 1) {
        const data = dataOf(await page(number));
        for (const object of data) for (const c of columns) if (c.header.includes('{n}')) counts.set(c, Math.max(counts.get(c)!, rawValues(c, object).length));
        if (data.length < size) break;
      }
    }
    yield columns.flatMap((c) => headersOf(c, counts.get(c)!));
    for (let number = 1; ; number += 1) {
      const data = dataOf(await page(number));
      const names = await this.targetNames(resource.relationships ?? {}, columns, data, caller);
      for (const object of data) {
        yield columns.flatMap((c) => {
          const values = rawValues(c, object).map((v) => (c.by ? (names.get(`${c.relationship}:${v}`) ?? '') : v));
          return headersOf(c, counts.get(c)!).map((_, i) => values[i] ?? '');
        });
      }
      if (data.length < size) break;
    }
  }

  private format(type: string): ImportFormat {
    const format = this.formats.get(type);
    if (!format) throw JsonApiException.notFound(`There is no CSV format for "${type.slice(0, 100)}".`);
    return format;
  }

  /** For columns naming related records by an attribute (`Group Name`): that attribute of each related record of the page. */
  private async targetNames(relationships: Record<string, { type: string }>, columns: ImportColumn[], data: ResourceObject[], caller: Caller): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (const column of columns.filter((c) => c.by && c.relationship)) {
      const target = this.registry.get(relationships[column.relationship!]?.type);
      const ids = [...new Set(data.flatMap((object) => rawValues(column, object)))];
      if (!target || ids.length === 0) continue;
      const found = await this.service.list(target, {
        api: 'admin',
        rawQuery: `filter[id]=${ids.join(',')}&page[size]=${ids.length}&fields[${target.type}]=${column.by}`,
        headers: { 'x-include': 'noHateoas' },
        caller,
      });
      for (const object of dataOf(found)) names.set(`${column.relationship}:${object.id}`, text(object.attributes?.[column.by!]));
    }
    return names;
  }
}

function dataOf(response: { body?: unknown }): ResourceObject[] {
  return (response.body as { data: ResourceObject[] }).data;
}

function exported(format: ImportFormat): ImportColumn[] {
  return [{ header: format.idColumn }, ...format.columns.filter((c) => !c.importOnly)];
}

/** A column's values in a record: an attribute (or a list's items), or related ids. */
function rawValues(column: ImportColumn, object: ResourceObject): string[] {
  if (!column.attribute && !column.relationship) return [object.id];
  if (column.attribute) {
    const value = object.attributes?.[column.attribute];
    // The primary item first: an import takes the first as the primary one.
    if (column.item) return Array.isArray(value) ? [...value].sort((a, b) => Number(b.primary === true) - Number(a.primary === true)).map((item: Record<string, unknown>) => text(item[column.item!])) : [];
    return value === null || value === undefined ? [] : [text(value)];
  }
  const data = object.relationships?.[column.relationship!]?.data;
  return [data].flat().filter((d): d is { id: string } => !!d && typeof d === 'object').map((d) => d.id);
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '1' : '0';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
