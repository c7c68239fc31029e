import type { ChipOperator, FilterClause } from '../api/filters';

/** A grid's state, kept in the URL so that a grid can be bookmarked and shared. */
export interface GridSearch {
  page?: number;
  size?: number;
  /** `name` or `-name` */
  sort?: string;
  filters?: FilterClause[];
  /** Visible columns, when the user chose them. */
  cols?: string[];
}

export const PAGE_SIZES = [10, 25, 50, 100] as const;

const positive = (value: unknown) => (typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined);
const text = (value: unknown) => (typeof value === 'string' && value.length <= 200 ? value : undefined);

/** Reads the grid state from untrusted search parameters, dropping what does not fit. */
export function parseGridSearch(search: Record<string, unknown>): GridSearch {
  const result: GridSearch = {};
  const page = positive(search.page);
  if (page) result.page = page;
  const size = positive(search.size);
  if (size && (PAGE_SIZES as readonly number[]).includes(size)) result.size = size;
  const sort = text(search.sort);
  if (sort && /^-?[A-Za-z0-9_]+$/.test(sort)) result.sort = sort;
  if (Array.isArray(search.filters)) {
    const filters = search.filters.flatMap((item): FilterClause[] => {
      if (typeof item !== 'object' || item === null) return [];
      const { field, op, value, labels } = item as Record<string, unknown>;
      const valid = typeof field === 'string' && /^[A-Za-z0-9_]+$/.test(field) && typeof op === 'string' && /^[a-z_]+$/.test(op);
      const values = typeof value === 'string' ? value : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : null;
      if (!valid || values === null) return [];
      const clause: FilterClause = { field: field as string, op: op as ChipOperator, value: values };
      if (Array.isArray(labels) && labels.every((l) => typeof l === 'string')) clause.labels = labels as string[];
      return [clause];
    });
    if (filters.length) result.filters = filters;
  }
  if (Array.isArray(search.cols) && search.cols.every((c) => typeof c === 'string')) result.cols = search.cols as string[];
  return result;
}
