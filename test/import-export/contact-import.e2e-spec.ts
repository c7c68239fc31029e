import { api } from '../identity/auth-helpers';
import { importCsvAndWait, useImportApp } from './import-helpers';

/** Contacts imported together (CreateContacts), with what a single save gives each; bad rows answered as one by one. */
describe('CSV import of contacts', () => {
  const { state, sql } = useImportApp(['crm', 'commerce', 'integration']);
  const HEADER = 'First Name,Last Name,Birthday,Emails 1 Email,Emails 2 Email,Phones 1 Phone,Phones 2 Phone,Owner Id';

  async function importCsv(csv: string, fields: Record<string, string> = {}) {
    const { started, attributes, errors } = await importCsvAndWait(state.t, state.admin, 'contacts', csv, fields);
    expect(started.status).toBe(202);
    return { summary: attributes.summary, errors };
  }

  /**
   * Each contact of a last name (by first name: rows giving different columns are inserted apart) with its e-mails and
   * phones (in their order, primary flagged), owner and creator.
   */
  const contacts = (lastName: string) =>
    sql(
      `SELECT c.first_name AS "firstName", c.owner_id::text AS owner, c.created_by_id::text AS "createdBy", c.updated_by_id::text AS "updatedBy",
              (SELECT coalesce(json_agg(e.email || CASE WHEN e.is_primary THEN '*' ELSE '' END ORDER BY e.id), '[]') FROM crm.contact_email e WHERE e.contact_id = c.id) AS emails,
              (SELECT coalesce(json_agg(p.phone || CASE WHEN p.is_primary THEN '*' ELSE '' END ORDER BY p.id), '[]') FROM crm.contact_phone p WHERE p.contact_id = c.id) AS phones
       FROM crm.contact c WHERE c.last_name = $1 AND c.organization_id = $2 ORDER BY c.first_name NULLS LAST`,
      [lastName, state.ids.orgA],
    );
  const counts = async () =>
    (
      await sql(`SELECT (SELECT count(*) FROM crm.contact)::int AS contacts, (SELECT count(*) FROM crm.contact_email)::int AS emails,
                        (SELECT count(*) FROM crm.contact_phone)::int AS phones, 
                        (SELECT count(*) FROM platform.outbox WHERE topic NOT LIKE 'platform.%')::int AS outbox`)
    )[0];

  it('adds contacts with their e-mails and phones, the first of each primary, owned and created by the importer unless named', async () => {
    const single = await counts();
    expect((await api(state.t, state.admin, 'POST', '/admin/api/contacts', { data: { type: 'contacts', attributes: { firstName: 'Solo', lastName: 'Single' } } })).status).toBe(201);
    const before = await counts();
    const perContact = before.outbox - single.outbox;
    const csv = [
      HEADER,
      `Ann,Bulk,,ann@bulk.test,ann.home@bulk.test,+1 555 0001,+1 555 0002,`,
      `Ben,Bulk,1980-02-03,,,+1 555 0003,,${state.ids.managerA}`,
      `Cid,Bulk,,,,,,`,
      `,Bulk,,,,,,`,
    ].join('\n');
    expect(await importCsv(csv)).toEqual({ summary: expect.objectContaining({ readCount: 4, createCount: 4, updateCount: 0, errorCount: 0 }), errors: [] });
    const by = { createdBy: state.ids.adminA, updatedBy: state.ids.adminA };
    expect(await contacts('Bulk')).toEqual([
      { firstName: 'Ann', owner: state.ids.adminA, ...by, emails: ['ann@bulk.test*', 'ann.home@bulk.test'], phones: ['+1 555 0001*', '+1 555 0002'] },
      { firstName: 'Ben', owner: state.ids.managerA, ...by, emails: [], phones: ['+1 555 0003*'] },
      { firstName: 'Cid', owner: state.ids.adminA, ...by, emails: [], phones: [] },
      { firstName: null, owner: state.ids.adminA, ...by, emails: [], phones: [] },
    ]);
    // The API reads them as it reads a contact saved alone; the modules publish for each what they do for one saved alone.
    const [ann] = (await api(state.t, state.admin, 'GET', '/admin/api/contacts?filter[firstName]=Ann&filter[lastName]=Bulk')).json.data;
    expect(ann.attributes).toMatchObject({ primaryEmail: 'ann@bulk.test', primaryPhone: '+1 555 0001' });
    expect(await counts()).toEqual({ ...before, contacts: before.contacts + 4, emails: before.emails + 2, phones: before.phones + 3, outbox: before.outbox + 4 * perContact });
  });

  it('reports bad rows as one by one does and adds the others', async () => {
    const csv = [
      HEADER,
      `Good,Rows,,good@rows.test,,,,`,
      `Bad,Rows,,not-an-email,,,,`,
      `Future,Rows,2999-01-01,,,,,`,
      `,,1990-01-01,,,,,`,
      `Owned,Rows,,,,,,999999`,
      `${'L'.repeat(101)},Rows,,,,,,`,
      `Also,Rows,,,,+1 555 0009,,`,
    ].join('\n');
    const { summary, errors } = await importCsv(csv);
    expect(summary).toMatchObject({ readCount: 7, createCount: 2, errorCount: 5 });
    expect(errors).toEqual(EXPECTED_ERRORS);
    expect((await contacts('Rows')).map((c: { firstName: string }) => c.firstName)).toEqual(['Also', 'Good']);
  });

  it('answers bad rows among many (the refused list split in halves) as one by one does, every good row once', async () => {
    // A birthday in the future is refused by the module's set-based save, which refuses the whole list.
    const bad = new Set([7, 150, 299]);
    const rows = Array.from({ length: 300 }, (_, i) => `Row${String(i + 1).padStart(3, '0')},Many,${bad.has(i + 1) ? '2999-01-01' : ''},row${i + 1}@many.test,,,,`);
    const { summary, errors } = await importCsv([HEADER, ...rows].join('\n'));
    expect(summary).toMatchObject({ readCount: 300, createCount: 297, errorCount: 3 });
    expect(errors).toEqual(
      [...bad].map((n) => `Error in row #${n}. Birthday: The birth date cannot be in the future.`),
    );
    const written = await contacts('Many');
    expect(written).toHaveLength(297);
    expect(written.map((c: { firstName: string }) => c.firstName)).toEqual(rows.map((_, i) => `Row${String(i + 1).padStart(3, '0')}`).filter((_, i) => !bad.has(i + 1)));
  });

  it('checks a file in validate-only mode and writes nothing', async () => {
    const before = await counts();
    const csv = [HEADER, `Val,Only,,val@only.test,,+1 555 0100,,`, `Val,Bad,,not-an-email,,,,`, `Val,Two,,,,,,`].join('\n');
    const { summary, errors } = await importCsv(csv, { validateOnly: 'true' });
    expect(summary).toMatchObject({ readCount: 3, createCount: 2, errorCount: 1 });
    expect(errors).toHaveLength(1);
    expect(await counts()).toEqual(before);
  });
});

/** What the rows got when contacts were written one by one (before CreateContacts). */
const EXPECTED_ERRORS = [
  'Error in row #2. Emails 1 Email: Expected a list of {"email": …, "primary": true|false}: 0.email Invalid email address',
  'Error in row #3. Birthday: The birth date cannot be in the future.',
  'Error in row #4. Birthday: At least one of the fields First name, Last name, Emails or Phones must be defined.',
  'Error in row #5. Owner Id: User with ID "999999" was not found',
  'Error in row #6. First Name: This value is too long. It should have 100 characters or less.',
];
