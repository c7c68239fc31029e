import type { FastifyInstance } from 'fastify';
import type { Pool } from 'pg';
import type { ReadPair } from './api-reads';

/**
 * The console's customer tree reads (`apps/console/src/customers`), as it sends them, against bare SQL: the roots
 * (`filter[parent][exists]=false`, by name, 50 with the total), a customer's children (`filter[parent]=…`), each with
 * the `children` linkage that says whether a node can be opened, and one level of a search's ancestors
 * (`filter[id]=…`, 20 ids).
 */
export function customerTreePairs(ids: { randomParent: () => string; randomIds: (n: number) => string[] }): ReadPair[] {
  const fields = 'fields%5Bcustomers%5D=name,parent,children';
  return [
    {
      name: 'GET /admin/api/customers?filter[parent][exists]=false&sort=name&page[size]=50 (tree roots)',
      ours: () => `/admin/api/customers?filter%5Bparent%5D%5Bexists%5D=false&sort=name&page%5Bnumber%5D=1&page%5Bsize%5D=50&${fields}`,
      baseline: () => '/tree',
    },
    {
      name: 'GET /admin/api/customers?filter[parent]={id}&sort=name&page[size]=50 (tree children)',
      ours: () => `/admin/api/customers?filter%5Bparent%5D=${ids.randomParent()}&sort=name&page%5Bnumber%5D=1&page%5Bsize%5D=50&${fields}`,
      baseline: () => `/tree?parent=${ids.randomParent()}`,
    },
    {
      name: 'GET /admin/api/customers?filter[id]={20 ids} (tree search ancestors)',
      ours: () => `/admin/api/customers?filter%5Bid%5D=${ids.randomIds(20).join(',')}&page%5Bnumber%5D=1&page%5Bsize%5D=20&${fields}`,
      baseline: () => `/tree?ids=${ids.randomIds(20).join(',')}`,
    },
  ];
}

/** The baseline: the same level with hand-written SQL (children flag by EXISTS, total by a window count). */
export function customerTreeRoute(baseline: FastifyInstance, pool: Pool, organizationId: string): void {
  baseline.get<{ Querystring: { parent?: string; ids?: string } }>('/tree', async (request) => {
    const { parent, ids } = request.query;
    const where = ids ? 'c.id = ANY($2::bigint[])' : parent ? 'c.parent_id = $2' : 'c.parent_id IS NULL';
    const { rows } = await pool.query(
      `SELECT c.id::text, c.name, c.parent_id::text, EXISTS (SELECT 1 FROM commerce.customer k WHERE k.parent_id = c.id) AS has_children,
              count(*) OVER () AS total
       FROM commerce.customer c WHERE c.organization_id = $1 AND ${where} ORDER BY c.name LIMIT 50`,
      ids ? [organizationId, ids.split(',')] : parent ? [organizationId, parent] : [organizationId],
    );
    return { data: rows };
  });
}
