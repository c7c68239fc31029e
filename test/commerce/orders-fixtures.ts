import type { useApp } from '../harness/use-app';

/** Customers and customer users created through the API, and what order and lifetime tests read back. */
export function orderFixtures({ post, ref, sql }: ReturnType<typeof useApp>) {
  const created = (response: { status: number; json: { data: { id: string } } }) => {
    if (response.status !== 201) throw new Error(JSON.stringify(response.json));
    return response.json.data.id;
  };
  return {
    customer: async (name: string, token?: string): Promise<string> => created(await post('customers', { name }, {}, token)),
    async customerUser(customerId: string, email: string, firstName = 'Ann', lastName = 'Buyer'): Promise<string> {
      const [buyer] = await sql(
        `SELECT r.id::text AS id FROM commerce.customer_user_role r JOIN commerce.customer c ON c.organization_id = r.organization_id
         WHERE c.id = $1 AND r.role = 'ROLE_FRONTEND_BUYER'`,
        [customerId],
      );
      const relationships = { customer: ref('customers', customerId), roles: { data: [{ type: 'customeruserroles', id: buyer.id }] } };
      return created(await post('customerusers', { email, firstName, lastName }, relationships));
    },
    /** Payloads of the events published on a topic, oldest first. */
    events: async (topic: string): Promise<any[]> =>
      (await sql(`SELECT payload FROM platform.outbox WHERE topic = $1 ORDER BY seq`, [topic])).map((r: { payload: unknown }) => r.payload),
    lifetime: async (customerId: string): Promise<string> =>
      (await sql(`SELECT lifetime_sales_value::text AS v FROM commerce.customer WHERE id = $1`, [customerId]))[0].v,
  };
}
