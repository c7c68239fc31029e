import type { Caller } from '../json-api/caller';
import type { JsonApiService } from '../json-api/json-api.service';
import type { ResourceDefinition } from '../json-api/resource-definition';
import { type ImportFormat, matchHeader } from './import-format';
import type { ImportRow } from './import-chunk';

/**
 * The records a chunk's rows name by an attribute (parents and groups by name, roles by code, records to replace by
 * their identity), read for the whole chunk in one query per column rather than one per row, and kept up to date
 * with the records the chunk adds.
 */
export class KnownRecords {
  /** type, attribute, value → the id (lowest), or null when there is none. */
  private readonly ids = new Map<string, string | null>();

  constructor(
    private readonly service: JsonApiService,
    private readonly caller: Caller,
  ) {}

  async find(type: string, attribute: string, values: string[]): Promise<Map<string, string>> {
    const answer = new Map<string, string>();
    const unknown = new Set<string>();
    for (const v of values) {
      const id = this.ids.get(key(type, attribute, v));
      if (id === undefined) unknown.add(v);
      else if (id !== null) answer.set(v, id);
    }
    if (unknown.size === 0) return answer;
    const found = await this.service.idsByAttribute(type, attribute, [...unknown], this.caller);
    for (const v of unknown) {
      const id = found.get(v);
      this.ids.set(key(type, attribute, v), id ?? null);
      if (id !== undefined) answer.set(v, id);
    }
    return answer;
  }

  /** Reads every value the rows name, one query per column. */
  async prefetch(format: ImportFormat, resource: ResourceDefinition, rows: ImportRow[]): Promise<void> {
    // The chunk's headers are few: each is matched to the columns once, not once per row.
    const headers = new Set<string>();
    for (const row of rows) for (const header in row.cells) headers.add(header);
    for (const column of format.columns) {
      const lookup = column.by && column.relationship ? { type: resource.relationships?.[column.relationship]?.type, attribute: column.by } : undefined;
      const identity = column.attribute && format.identity.includes(column.attribute) ? { type: format.type, attribute: column.attribute } : undefined;
      const target = lookup ?? identity;
      if (!target?.type) continue;
      const own = [...headers].filter((header) => matchHeader(column, header) !== null);
      const values: string[] = [];
      for (const row of rows) for (const header of own) if (row.cells[header] !== undefined) values.push(row.cells[header]);
      if (values.length) await this.find(target.type, target.attribute, values);
    }
  }

  /** A record the chunk added: found by these values from now on (unless an older record already has them). */
  remember(type: string, attribute: string, value: string, id: string): void {
    if (!this.ids.get(key(type, attribute, value))) this.ids.set(key(type, attribute, value), id);
  }

  /** Records of a type were written one by one (names may have changed): read them again when asked. */
  forget(type: string): void {
    for (const k of [...this.ids.keys()]) if (k.startsWith(`${type}\u0000`)) this.ids.delete(k);
  }
}

function key(type: string, attribute: string, value: string): string {
  return `${type}\u0000${attribute}\u0000${value}`;
}
