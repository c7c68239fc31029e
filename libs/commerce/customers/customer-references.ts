import type { CommerceStore } from '../shared/commerce-store';

/**
 * Why customers cannot be deleted (§2.4, decision 9): what still references each of them — child customers, customer
 * users, orders — as "The customer "X" cannot be deleted: it has 2 child customers, 1 customer user." sentences.
 * Children that are deleted in the same request do not count. Addresses are not references: they go with the customer.
 */
export async function deletionRefusals(store: CommerceStore, customerIds: string[]): Promise<string[]> {
  const rows: Array<{ name: string; children: number; users: number; orders: number }> = await store.query(
    `SELECT c.name,
            (SELECT count(*) FROM commerce.customer ch WHERE ch.parent_id = c.id AND NOT ch.id = ANY($1::bigint[]))::int AS children,
            (SELECT count(*) FROM commerce.customer_user u WHERE u.customer_id = c.id)::int AS users,
            (SELECT count(*) FROM commerce."order" o WHERE o.customer_id = c.id)::int AS orders
     FROM commerce.customer c WHERE c.id = ANY($1::bigint[]) ORDER BY c.id`,
    [customerIds],
  );
  return rows
    .map((row) => ({ name: row.name, parts: [count(row.children, 'child customer', 'child customers'), count(row.users, 'customer user', 'customer users'), count(row.orders, 'order', 'orders')].filter(Boolean) }))
    .filter((row) => row.parts.length > 0)
    .map((row) => `The customer "${row.name}" cannot be deleted: it has ${row.parts.join(', ')}.`);
}

function count(n: number, one: string, many: string): string {
  return n === 0 ? '' : `${n} ${n === 1 ? one : many}`;
}
