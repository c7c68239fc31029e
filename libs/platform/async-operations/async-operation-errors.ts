import type { JsonApiErrorObject } from '../json-api/json-api-exception';

/** The errors of a chunk, numbered from 1 (their ids are "{operation}-{chunk}-{n}", as Oro's). */
export async function insertErrors(db: { query(sql: string, params?: unknown[]): Promise<unknown> }, operationId: string, chunk: number, errors: JsonApiErrorObject[]) {
  if (errors.length === 0) return;
  await db.query(
    `INSERT INTO platform.async_operation_error (operation_id, chunk, n, status, title, detail, pointer)
     SELECT $1, $2, e.n, e.status, e.title, e.detail, e.pointer
     FROM unnest($3::int[], $4::int[], $5::text[], $6::text[], $7::text[]) AS e(n, status, title, detail, pointer)`,
    [
      operationId,
      chunk,
      errors.map((_, i) => i + 1),
      errors.map((e) => Number(e.status)),
      errors.map((e) => e.title),
      errors.map((e) => e.detail),
      errors.map((e) => e.source?.pointer ?? null),
    ],
  );
}
