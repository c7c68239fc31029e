import { importCsvAndWait, useImportApp } from './import-helpers';

/** Records a file names by an `equalityIndexed` attribute (customers' names) are found by index probes: same answers as a filter. */
describe('CSV import look-ups by name (issue 13)', () => {
  const { state, sql } = useImportApp(['commerce']);

  const addCustomer = async (organizationId: string, name: string): Promise<string> =>
    (await sql(`INSERT INTO commerce.customer (organization_id, name, path) VALUES ($1, $2, '{}') RETURNING id::text AS id`, [organizationId, name]))[0].id;

  it('takes the lowest id of the organization for a name several customers share, and never a customer of another organization', async () => {
    const first = await addCustomer(state.ids.orgA, 'Look Twin');
    const second = await addCustomer(state.ids.orgA, 'Look Twin');
    await addCustomer(state.ids.orgB, 'Look Elsewhere');
    await sql(`UPDATE commerce.customer SET path = ARRAY[id] WHERE name IN ('Look Twin', 'Look Elsewhere')`);
    const csv = ['Name,Parent Name', 'Look Child,Look Twin', 'Look Stray,Look Elsewhere', 'Look Twin,Look Root', 'Look Root,'].join('\n');
    const { attributes, errors } = await importCsvAndWait(state.t, state.admin, 'customers', csv);
    expect(attributes.summary).toMatchObject({ readCount: 4, createCount: 2, updateCount: 1, errorCount: 1 });
    expect(errors).toEqual([
      'Error in row #2. Parent Name: Parent customer with name "Look Elsewhere" was not found',
    ]);
    const rows = await sql(
      `SELECT c.id::text AS id, c.name, p.name AS parent, c.parent_id::text AS "parentId" FROM commerce.customer c
       LEFT JOIN commerce.customer p ON p.id = c.parent_id WHERE c.organization_id = $1 AND c.name LIKE 'Look %' ORDER BY c.id`,
      [state.ids.orgA],
    );
    // The row named "Look Twin" replaced the lowest of the two (it now has a parent); the child hangs under it.
    expect(rows.map(({ name, parent }: { name: string; parent: string | null }) => ({ name, parent }))).toEqual([
      { name: 'Look Twin', parent: 'Look Root' },
      { name: 'Look Twin', parent: null },
      { name: 'Look Root', parent: null },
      { name: 'Look Child', parent: 'Look Twin' },
    ]);
    expect(rows[0].id).toBe(first);
    expect(rows[1].id).toBe(second);
    expect(rows[3].parentId).toBe(first);
  });
});
