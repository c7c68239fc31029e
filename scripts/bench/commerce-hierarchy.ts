import { performance } from 'node:perf_hooks';
import {
  CUSTOMER_ANCESTORS_SQL,
  CUSTOMER_ROOT_SQL,
  CUSTOMER_SUBTREE_SQL,
  MOVE_SUBTREE_SQL,
} from '../../libs/commerce/customers/customer-tree.sql';

type Query = (sql: string, params?: unknown[]) => Promise<any[]>;

const SAMPLE = 200;
const LARGEST_REPEATS = 20;
const MOVE_REPEATS = 5;

/**
 * Times the customer-tree reads (subtree, ancestors, root) on the customers that already exist in `organizationId`,
 * with exactly the SQL of the Commerce query handlers, for a random sample plus the largest subtree, and the re-parent
 * of a mid-size subtree (the handlers' one UPDATE, moved and moved back, so the data set is left as found). Returns
 * markdown table lines.
 */
export async function benchCustomerHierarchy(query: Query, organizationId: string): Promise<string[]> {
  const sample: string[] = (
    await query(`SELECT id::text AS id FROM commerce.customer WHERE organization_id = $1 ORDER BY random() LIMIT ${SAMPLE}`, [organizationId])
  ).map((r) => r.id);
  if (sample.length === 0) return [`(no customers in organization ${organizationId}: hierarchy benchmark skipped)`];
  const [largest] = await query(
    `SELECT path[1]::text AS id, count(*)::int AS size FROM commerce.customer WHERE organization_id = $1 GROUP BY path[1] ORDER BY 2 DESC LIMIT 1`,
    [organizationId],
  );
  const [total] = await query(`SELECT count(*)::int AS n FROM commerce.customer WHERE organization_id = $1`, [organizationId]);

  const timed = async (sql: string, ids: string[]) => {
    const ms: number[] = [];
    for (const id of ids) {
      const start = performance.now();
      await query(sql, [organizationId, id]);
      ms.push(performance.now() - start);
    }
    return ms;
  };
  const rows: Array<[string, number[]]> = [
    [`subtree, random customer (n=${sample.length})`, await timed(CUSTOMER_SUBTREE_SQL, sample)],
    [`subtree, largest (${largest.size} customers)`, await timed(CUSTOMER_SUBTREE_SQL, Array(LARGEST_REPEATS).fill(largest.id))],
    [`ancestors (n=${sample.length})`, await timed(CUSTOMER_ANCESTORS_SQL, sample)],
    [`root (n=${sample.length})`, await timed(CUSTOMER_ROOT_SQL, sample)],
  ];
  const move = await timeMove(query, organizationId);
  if (move) rows.push(move);

  return [
    `Customer hierarchy on ${total.n} customers of organization ${organizationId}`,
    '',
    '| operation | p50 ms | p95 ms |',
    '|---|---:|---:|',
    ...rows.map(([label, ms]) => `| ${label} | ${percentile(ms, 50).toFixed(2)} | ${percentile(ms, 95).toFixed(2)} |`),
  ];
}

/** A second-level customer whose subtree size is the median of them, moved under another root and back. */
async function timeMove(query: Query, organizationId: string): Promise<[string, number[]] | null> {
  const candidates = await query(
    `SELECT path[2]::text AS id, count(*)::int AS size FROM commerce.customer
     WHERE organization_id = $1 AND cardinality(path) >= 2 GROUP BY path[2] HAVING count(*) > 1 ORDER BY 2, 1`,
    [organizationId],
  );
  if (candidates.length === 0) return null;
  const moved = candidates[Math.floor(candidates.length / 2)];
  const [node] = await query(`SELECT path::text[] AS path FROM commerce.customer WHERE id = $1`, [moved.id]);
  const [target] = await query(
    `SELECT path::text[] AS path FROM commerce.customer WHERE organization_id = $1 AND parent_id IS NULL AND id <> $2 ORDER BY id LIMIT 1`,
    [organizationId, node.path[0]],
  );
  if (!target) return null;
  const ms: number[] = [];
  for (let i = 0; i < MOVE_REPEATS; i++) {
    for (const parentPath of [target.path, node.path.slice(0, -1)]) {
      const depth = parentPath === target.path ? node.path.length : target.path.length + 1;
      const start = performance.now();
      await query(MOVE_SUBTREE_SQL, [organizationId, moved.id, parentPath, depth, parentPath[parentPath.length - 1]]);
      ms.push(performance.now() - start);
    }
  }
  return [`re-parent a subtree of ${moved.size} customers (one UPDATE, n=${ms.length})`, ms];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
