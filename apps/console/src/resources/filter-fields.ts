import { chipOperators, type ChipOperator, type FilterClause } from '../api/filters';
import type { ResourceModel } from '../api/resource-model';
import { en, humanize } from '../i18n/en';

/** A field the grid can filter on, with the chip operators its type and the server allow. */
export interface FilterField {
  name: string;
  label: string;
  kind: string;
  operators: ChipOperator[];
  enumValues: string[];
  /** For relationships: the related type, picked by name. */
  target?: string;
}

export function filterFields(model: ResourceModel): FilterField[] {
  const attributes = model.attributes
    .filter((a) => a.filters.length > 0)
    .map((a): FilterField => ({ name: a.name, label: humanize(a.name), kind: a.kind, operators: chipOperators(a.kind, a.filters), enumValues: a.enumValues }))
    .filter((f) => f.operators.length > 0);
  const relationships = model.relationships
    .filter((r) => r.filterable && r.target)
    .map((r): FilterField => ({ name: r.name, label: humanize(r.name), kind: 'relationship', operators: ['eq'], enumValues: [], target: r.target }));
  const id: FilterField = { name: 'id', label: 'Id', kind: 'id', operators: chipOperators('id', model.idFilters), enumValues: [] };
  return [...attributes, ...relationships, ...(id.operators.length ? [id] : [])];
}

/** A new chip for a field: its first operator, no value yet. */
export function emptyClause(field: FilterField): FilterClause {
  const op = field.operators[0];
  return { field: field.name, op, value: op === 'between' ? ['', ''] : field.kind === 'enum' || field.kind === 'relationship' ? [] : '' };
}

/** Dates typed as days filter date-times over the whole day (UTC). */
export function widenDates(clause: FilterClause, kind: string): FilterClause {
  if (kind !== 'datetime') return clause;
  const day = (value: string, end: boolean) => (/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T${end ? '23:59:59' : '00:00:00'}Z` : value);
  if (clause.op === 'between' && Array.isArray(clause.value)) return { ...clause, value: [day(clause.value[0] ?? '', false), day(clause.value[1] ?? '', true)] };
  if (typeof clause.value !== 'string') return clause;
  if (clause.op === 'eq' && /^\d{4}-\d{2}-\d{2}$/.test(clause.value)) return { ...clause, op: 'between', value: [day(clause.value, false), day(clause.value, true)] };
  const end = clause.op === 'lte' || clause.op === 'gt';
  return { ...clause, value: day(clause.value, end) };
}

/** The chip's text: "Name contains abc", "Amount between 1 and 5". */
export function describeClause(clause: FilterClause, field: FilterField | undefined): string {
  const label = field?.label ?? humanize(clause.field);
  const op = en.filter.operators[clause.op] ?? clause.op;
  if (clause.op === 'exists') return `${label} ${clause.value === 'true' ? en.filter.operators.exists : en.filter.operators.empty}`;
  if (clause.op === 'between' && Array.isArray(clause.value)) {
    const [from, to] = clause.value;
    return `${label} ${op} ${from || '…'} – ${to || '…'}`;
  }
  const values = clause.labels?.length ? clause.labels : Array.isArray(clause.value) ? clause.value : [clause.value];
  return `${label} ${op} ${values.join(', ') || '…'}`;
}

