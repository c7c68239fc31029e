import { api } from '../identity/auth-helpers';
import { useApp } from '../harness/use-app';

/**
 * Target R4: 100 concurrent, conflicting re-parent requests over a small tree never store a cycle, every path stays the
 * chain of parents, and every refusal is a 400/409 JSON:API error document.
 */
describe('Commerce customer hierarchy under concurrent re-parenting (R4)', () => {
  const app = useApp(['commerce']);
  const { sql, post } = app;

  it('never stores a cycle and answers every request with 200 or a 400/409 error document', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push((await post('customers', { name: `Node ${i}` })).json.data.id);
    // A seeded generator keeps the run reproducible; pairs are conflicting on purpose (A under B and B under A).
    let seed = 42;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const requests = Array.from({ length: 100 }, (_, i) => {
      const child = ids[random(ids.length)];
      const parent = i % 2 === 0 ? ids[random(ids.length)] : ids[(ids.indexOf(child) + 1) % ids.length];
      const body = { data: { type: 'customers', id: child, relationships: { parent: { data: { type: 'customers', id: parent } } } } };
      return i % 3 === 0
        ? api(app.state.t, app.state.admin, 'PATCH', `/admin/api/customers/${parent}/relationships/children`, { data: [{ type: 'customers', id: child }] })
        : api(app.state.t, app.state.admin, 'PATCH', `/admin/api/customers/${child}`, body);
    });
    const responses = await Promise.all(requests);

    for (const response of responses) {
      expect([200, 204, 400, 409]).toContain(response.status);
      if (response.status >= 400) {
        expect(response.json.errors[0]).toMatchObject({ status: String(response.status), title: expect.any(String), detail: expect.stringContaining('Circular reference') });
      }
    }
    expect(responses.filter((r) => r.status < 300).length).toBeGreaterThan(0);
    expect(responses.filter((r) => r.status === 400).length).toBeGreaterThan(0);

    // Every path is the chain of parents ending with the customer, and no chain loops (a path holds each id once).
    const rows: Array<{ id: string; parent: string | null; path: string[] }> = await sql(
      `SELECT id::text AS id, parent_id::text AS parent, path::text[] AS path FROM commerce.customer WHERE id = ANY($1::bigint[])`,
      [ids],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const row of rows) {
      const chain: string[] = [];
      for (let node: typeof row | undefined = row; node; node = node.parent ? byId.get(node.parent) : undefined) {
        expect(chain).not.toContain(node.id);
        chain.unshift(node.id);
      }
      expect(row.path).toEqual(chain);
    }
  });
});
