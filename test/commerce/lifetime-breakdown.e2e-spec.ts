import { Reconciliation } from '../../libs/platform/runtime';
import { CustomerLifetimeValuesChanged } from '../../libs/contracts/commerce';
import { useApp } from '../harness/use-app';
import { orderFixtures } from './orders-fixtures';

/** The lifetime breakdown (issue 11 item 6, oroinc/crm#243): paid-order count and subtree value per customer. */
describe('customer lifetime breakdown', () => {
  const app = useApp(['commerce']);
  const { get, post, patch, ref, sql } = app;
  const fixtures = orderFixtures(app);
  const drain = () => app.state.t.drain();

  let sequence = 0;
  const placeOrder = async (customer: string, attributes: object = {}) => {
    const response = await post('orders', { identifier: `LBD-${++sequence}`, currency: 'USD', subtotal: '100', total: '100', ...attributes }, { customer: ref('customers', customer) });
    expect(response.status).toBe(201);
    return response.json.data.id as string;
  };
  const child = async (name: string, parent: string) => {
    const response = await post('customers', { name }, { parent: ref('customers', parent) });
    expect(response.status).toBe(201);
    return response.json.data.id as string;
  };
  /** value / count / subtree value, as the API serves them. */
  /** Runs the lifetime reconciliation; answers how many commerce customer values it corrected. */
  const reconcile = async () => (await app.state.t.get(Reconciliation).run('lifetime')).find((r) => r.name === 'commerce.customer-lifetime-sales-values')!.corrected;
  const breakdown = async (customer: string) => {
    const { attributes } = (await get(`/admin/api/customers/${customer}`)).json.data;
    return [attributes.lifetimeSalesValue, attributes.lifetimePaidOrderCount, attributes.subtreeLifetimeSalesValue];
  };

  it('a child’s paid orders raise its count and its ancestors’ subtree values; cancelled and unpaid ones do not count', async () => {
    const root = await fixtures.customer('Breakdown Root');
    const middle = await child('Breakdown Middle', root);
    const leaf = await child('Breakdown Leaf', middle);
    expect(await breakdown(root)).toEqual(['0.0000', 0, '0.0000']);

    await placeOrder(leaf, { subtotal: '100', paymentStatus: 'full' });
    await placeOrder(leaf, { subtotal: '50', paymentStatus: 'full' });
    await placeOrder(leaf, { subtotal: '1000', paymentStatus: 'full', internalStatus: 'cancelled' });
    await placeOrder(leaf, { subtotal: '2000', paymentStatus: 'pending' });
    await placeOrder(root, { subtotal: '7', paymentStatus: 'full' });
    await drain();
    expect(await breakdown(leaf)).toEqual(['150.0000', 2, '150.0000']);
    expect(await breakdown(middle)).toEqual(['0.0000', 0, '150.0000']);
    expect(await breakdown(root)).toEqual(['7.0000', 1, '157.0000']);
    expect((await fixtures.events(CustomerLifetimeValuesChanged.topic)).at(-1)).toMatchObject({
      customerIds: [root, leaf],
      amounts: ['7.0000', '150.0000'],
      paidOrderCounts: [1, 2],
    });

    // A paid order of 0 changes the count, not the value: it is announced all the same.
    await placeOrder(leaf, { subtotal: '0', paymentStatus: 'full' });
    await drain();
    expect(await breakdown(leaf)).toEqual(['150.0000', 3, '150.0000']);
    expect((await fixtures.events(CustomerLifetimeValuesChanged.topic)).at(-1)).toMatchObject({ customerIds: [leaf], amounts: ['150.0000'], paidOrderCounts: [3] });

    // Filterable like the value.
    const found = await get(`/admin/api/customers?filter[lifetimePaidOrderCount][gte]=3&filter[subtreeLifetimeSalesValue][gte]=150`);
    expect(found.json.data.map((c: { id: string }) => c.id)).toEqual([leaf]);
    // Read-only: sending them is ignored like the value.
    expect((await patch('customers', leaf, { lifetimePaidOrderCount: 99, subtreeLifetimeSalesValue: '1' })).status).toBe(200);
    expect(await breakdown(leaf)).toEqual(['150.0000', 3, '150.0000']);
  });

  it('re-parenting moves the subtree value from the old ancestors to the new ones', async () => {
    const left = await fixtures.customer('Left Root');
    const right = await fixtures.customer('Right Root');
    const branch = await child('Branch', left);
    const twig = await child('Twig', branch);
    await placeOrder(branch, { subtotal: '10', paymentStatus: 'full' });
    await placeOrder(twig, { subtotal: '20', paymentStatus: 'full' });
    await drain();
    expect((await breakdown(left))[2]).toBe('30.0000');
    expect((await breakdown(right))[2]).toBe('0.0000');

    expect((await patch('customers', branch, {}, { parent: ref('customers', right) })).status).toBe(200);
    await drain();
    expect((await breakdown(left))[2]).toBe('0.0000');
    expect((await breakdown(right))[2]).toBe('30.0000');
    expect(await breakdown(branch)).toEqual(['10.0000', 1, '30.0000']);

    // Through the parent's children: the twig leaves the branch for the left root.
    expect((await patch('customers', left, {}, { children: { data: [{ type: 'customers', id: twig }] } })).status).toBe(200);
    await drain();
    expect([(await breakdown(left))[2], (await breakdown(right))[2], (await breakdown(branch))[2]]).toEqual(['20.0000', '10.0000', '10.0000']);
  });

  it('the reconciliation corrects a corrupted count and subtree value, and the full recalculation covers them', async () => {
    const root = await fixtures.customer('Corrupt Root');
    const leaf = await child('Corrupt Leaf', root);
    await placeOrder(leaf, { subtotal: '40', paymentStatus: 'full' });
    await drain();
    await reconcile();
    expect(await reconcile()).toBe(0);
    await sql(`UPDATE commerce.customer SET lifetime_paid_order_count = 9 WHERE id = $1`, [leaf]);
    await sql(`UPDATE commerce.customer SET subtree_lifetime_sales_value = 1 WHERE id = $1`, [root]);
    expect(await reconcile()).toBe(2);
    expect(await breakdown(leaf)).toEqual(['40.0000', 1, '40.0000']);
    expect(await breakdown(root)).toEqual(['0.0000', 0, '40.0000']);
    // The full recalculation agrees with the sums over every subtree.
    const mismatches = await sql(
      `SELECT c.id FROM commerce.customer c
       WHERE c.subtree_lifetime_sales_value <> (SELECT sum(d.lifetime_sales_value) FROM commerce.customer d WHERE d.path @> ARRAY[c.id])
          OR c.lifetime_paid_order_count <> (SELECT count(*) FROM commerce.order o
                                             WHERE o.customer_id = c.id AND o.payment_status = 'full' AND o.internal_status <> 'cancelled')`,
    );
    expect(mismatches).toEqual([]);
  });

  it('the full recalculation repairs a deeper tree like the batches: new versions for changed values and counts only, no row written again', async () => {
    const root = await fixtures.customer('Full Root');
    const middle = await child('Full Middle', root);
    const leaf = await child('Full Leaf', middle);
    await placeOrder(leaf, { subtotal: '40', paymentStatus: 'full' });
    await placeOrder(middle, { subtotal: '5', paymentStatus: 'full' });
    await drain();
    await reconcile();
    const version = async (id: string) => (await sql(`SELECT lifetime_version::text AS v FROM commerce.customer WHERE id = $1`, [id]))[0].v as string;
    const [middleVersion, leafVersion] = [await version(middle), await version(leaf)];
    await sql(`UPDATE commerce.customer SET lifetime_sales_value = 1 WHERE id = $1`, [leaf]);
    await sql(`UPDATE commerce.customer SET lifetime_paid_order_count = 3 WHERE id = $1`, [root]);
    await sql(`UPDATE commerce.customer SET subtree_lifetime_sales_value = 0 WHERE id = $1`, [middle]);

    // Two values or counts announced, one subtree value corrected (the leaf's own subtree value was right).
    expect(await reconcile()).toBe(3);
    expect([await breakdown(root), await breakdown(middle), await breakdown(leaf)]).toEqual([
      ['0.0000', 0, '45.0000'],
      ['5.0000', 1, '45.0000'],
      ['40.0000', 1, '40.0000'],
    ]);
    expect((await fixtures.events(CustomerLifetimeValuesChanged.topic)).at(-1)).toMatchObject({ customerIds: [root, leaf], amounts: ['0.0000', '40.0000'], paidOrderCounts: [0, 1] });
    expect(await version(middle)).toBe(middleVersion);
    expect(BigInt(await version(leaf))).toBeGreaterThan(BigInt(leafVersion));

    // A rerun finds every value right and writes no row.
    const rows = async () => sql(`SELECT id, xmin::text AS x FROM commerce.customer ORDER BY id`);
    const before = await rows();
    expect(await reconcile()).toBe(0);
    expect(await rows()).toEqual(before);
  });
});
