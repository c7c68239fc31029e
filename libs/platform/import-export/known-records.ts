import type { Caller } from '../json-api/caller';
import type { JsonApiService } from '../json-api/json-api.service';
import type { ResourceDefinition } from '../json-api/resource-definition';
import { type ImportFormat, matchHeader } from './import-format';
import type { ImportRow } from './import-chunk';

/** A value a row names that is not known yet: its type, the attribute, the value. */
export type Unknown = [type: string, attribute: string, value: string];

/**
 * The records a chunk's rows name by an attribute (parents and groups by name, roles by code, records to replace by
 * their identity), read for the whole chunk in one query per column rather than one per row, and kept up to date
 * with the records the chunk adds. Looking a value up is synchronous (`get`): a row whose values are all known is
 * prepared without waiting (thousands of rows a chunk, and each await costs more than the row's own work).
 */
export class KnownRecords {
  /** type → attribute → value → the id (lowest), or null when there is none (no key is built per look-up). */
  private readonly ids = new Map<string, Map<string, Map<string, string | null>>>();

  constructor(
    private readonly service: JsonApiService,
    /** The user the chunk runs as: what its rows are looked up and matched as. */
    readonly caller: Caller,
  ) {}

  /** The id of the record whose attribute has the value; null when there is none; undefined when not read yet. */
  get(type: string, attribute: string, value: string): string | null | undefined {
    return this.ids.get(type)?.get(attribute)?.get(value);
  }

  /** Reads the values not read yet, one query per type and attribute. */
  async load(unknown: Unknown[]): Promise<void> {
    const wanted = new Wanted();
    for (const [type, attribute, value] of unknown) wanted.add(type, attribute, value);
    await this.read(wanted);
  }

  /** Reads every value the rows name, one query per type and attribute. */
  async prefetch(format: ImportFormat, resource: ResourceDefinition, rows: ImportRow[]): Promise<void> {
    // The chunk's headers are few: each is matched to the columns once, not once per row.
    const headers = new Set<string>();
    for (const row of rows) for (const header in row.cells) headers.add(header);
    const wanted = new Wanted();
    for (const column of format.columns) {
      const lookup = column.by && column.relationship ? { type: resource.relationships?.[column.relationship]?.type, attribute: column.by } : undefined;
      const identity = column.attribute && format.identity.includes(column.attribute) ? { type: format.type, attribute: column.attribute } : undefined;
      const target = lookup ?? identity;
      if (!target?.type) continue;
      const own = [...headers].filter((header) => matchHeader(column, header) !== null);
      for (const header of own) {
        const values = wanted.of(target.type, target.attribute);
        for (const row of rows) if (row.cells[header] !== undefined) values.add(row.cells[header]);
      }
    }
    await this.read(wanted);
  }

  private async read(wanted: Wanted): Promise<void> {
    for (const [type, attributes] of wanted.values) {
      for (const [attribute, values] of attributes) {
        const known = this.column(type, attribute);
        const unknown = [...values].filter((value) => !known.has(value));
        if (unknown.length === 0) continue;
        const found = await this.service.idsByAttribute(type, attribute, unknown, this.caller);
        for (const value of unknown) known.set(value, found.get(value) ?? null);
      }
    }
  }

  /** A record the chunk added: found by these values from now on (unless an older record already has them). */
  remember(type: string, attribute: string, value: string, id: string): void {
    const known = this.column(type, attribute);
    if (!known.get(value)) known.set(value, id);
  }

  /** Records of a type were written one by one (names may have changed): read them again when asked. */
  forget(type: string): void {
    this.ids.delete(type);
  }

  private column(type: string, attribute: string): Map<string, string | null> {
    let attributes = this.ids.get(type);
    if (!attributes) this.ids.set(type, (attributes = new Map()));
    let known = attributes.get(attribute);
    if (!known) attributes.set(attribute, (known = new Map()));
    return known;
  }
}

/** Values to read, by type and attribute. */
class Wanted {
  readonly values = new Map<string, Map<string, Set<string>>>();

  of(type: string, attribute: string): Set<string> {
    let attributes = this.values.get(type);
    if (!attributes) this.values.set(type, (attributes = new Map()));
    let values = attributes.get(attribute);
    if (!values) attributes.set(attribute, (values = new Set()));
    return values;
  }

  add(type: string, attribute: string, value: string): void {
    this.of(type, attribute).add(value);
  }
}
