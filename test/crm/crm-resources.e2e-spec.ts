import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CreateAccount, EnsureSystemChannel, GetAccount } from '../../libs/contracts/crm';
import { api, login } from '../identity/auth-helpers';
import { useCrmApp } from './use-crm-app';

/** The CRM module on its own (profile `crm`): accounts, contacts, contact groups, channels, through the HTTP API. */
describe('CRM resources', () => {
  const crm = useCrmApp();
  const { sql, post, patch, ref } = crm;

  describe('accounts', () => {
    it('creates an account owned by the caller, and validates the name', async () => {
      const created = await post('accounts', { name: 'Acme Corp', externalId: 'ERP-1' });
      expect(created.status).toBe(201);
      expect(created.json.data.relationships.owner.data).toEqual({ type: 'users', id: crm.state.ids.adminA });
      expect(created.json.data.relationships.organization.data).toEqual({ type: 'organizations', id: crm.state.ids.orgA });

      const blank = await post('accounts', { name: ' ' });
      expect(blank.json.errors[0]).toMatchObject({ status: '400', title: 'not blank constraint', source: { pointer: '/data/attributes/name' } });
      expect((await post('accounts', { name: 'x'.repeat(256) })).status).toBe(400);
      expect((await post('accounts', { name: 'Copy', externalId: 'ERP-1' })).json.errors[0]).toMatchObject({ status: '400', title: 'unique entity constraint', source: { pointer: '/data/attributes/externalId' } });
      expect((await api(crm.state.t, crm.state.admin, 'GET', '/admin/api/accounts?filter[externalId]=ERP-1')).json.data).toHaveLength(1);
      // "Filterable with arrays" (api.md A.4): a comma means OR, as for numbers.
      await post('accounts', { name: 'Other ERP', externalId: 'ERP-2' });
      const both = await api(crm.state.t, crm.state.admin, 'GET', '/admin/api/accounts?filter[externalId]=ERP-2,ERP-1&sort=externalId');
      expect(both.json.data.map((a: { attributes: { externalId: string } }) => a.attributes.externalId)).toEqual(['ERP-1', 'ERP-2']);
    });

    it('keeps the default contact among the account’s contacts, and refuses an account referring to itself', async () => {
      const contact = await post('contacts', { firstName: 'Dana' });
      const account = await post('accounts', { name: 'Default Co' }, { defaultContact: ref('contacts', contact.json.data.id) });
      expect(account.json.data.relationships.contacts.data).toEqual([{ type: 'contacts', id: contact.json.data.id }]);
      const self = await patch('accounts', account.json.data.id, {}, { referredBy: ref('accounts', account.json.data.id) });
      expect(self.status).toBe(400);
      expect(self.json.errors[0].source.pointer).toBe('/data/relationships/referredBy/data');

      // Deleting the contact leaves the account without a default contact.
      expect((await api(crm.state.t, crm.state.admin, 'DELETE', `/admin/api/contacts/${contact.json.data.id}`)).status).toBe(204);
      const after = await api(crm.state.t, crm.state.admin, 'GET', `/admin/api/accounts/${account.json.data.id}`);
      expect(after.json.data.relationships.defaultContact.data).toBeNull();
      expect(after.json.data.relationships.contacts.data).toEqual([]);
    });

    it('publishes AccountDeleted through the outbox (creations and changes have no subscriber and are not published)', async () => {
      const account = await post('accounts', { name: 'Short lived' });
      const id = account.json.data.id;
      expect((await patch('accounts', id, { extend_description: 'Now described' })).status).toBe(200);
      expect((await api(crm.state.t, crm.state.admin, 'DELETE', `/admin/api/accounts/${id}`)).status).toBe(204);
      const topics = await sql(`SELECT topic FROM platform.outbox WHERE payload->>'accountId' = $1 ORDER BY seq`, [id]);
      expect(topics.map((r: { topic: string }) => r.topic)).toEqual(['crm.account.deleted']);
    });

    it('shows sales reps their own accounts and managers all of them', async () => {
      const rep = await login(crm.state.t, 'rep@acme.test');
      const mine = await post('accounts', { name: 'Rep account' }, {}, rep);
      expect(mine.status).toBe(201);
      const repList = await api(crm.state.t, rep, 'GET', '/admin/api/accounts?page[size]=-1');
      expect(repList.json.data.map((a: { attributes: { name: string } }) => a.attributes.name)).toEqual(['Rep account']);
      const manager = await login(crm.state.t, 'manager@acme.test');
      const all = await api(crm.state.t, manager, 'GET', '/admin/api/accounts?page[size]=-1');
      expect(all.json.data.length).toBeGreaterThan(1);
      const foreign = await api(crm.state.t, await login(crm.state.t, 'admin@beta.test'), 'GET', `/admin/api/accounts/${mine.json.data.id}`);
      expect(foreign.status).toBe(404);
    });

    it('serves the contracts to other modules: CreateAccount on the command bus, GetAccount on the query bus', async () => {
      const id = await crm.state.t.get(CommandBus).execute(new CreateAccount(crm.state.ids.orgB, 'Created by a module', { externalId: 'EXT-9' }));
      expect(await crm.state.t.get(QueryBus).execute(new GetAccount(crm.state.ids.orgB, id))).toEqual({
        id,
        organizationId: crm.state.ids.orgB,
        name: 'Created by a module',
        ownerId: null,
        externalId: 'EXT-9',
      });
      expect(await crm.state.t.get(QueryBus).execute(new GetAccount(crm.state.ids.orgA, id))).toBeNull();
    });
  });

  describe('contacts', () => {
    it('stores e-mails and phones with one primary each and exposes the primary ones', async () => {
      const created = await post('contacts', {
        firstName: 'Pat',
        emails: [{ email: 'pat@work.test', primary: true }, { email: 'pat@home.test', primary: true }],
        phones: [{ phone: '+1 555 0100', primary: true }],
      });
      expect(created.status).toBe(201);
      expect(created.json.data.attributes).toMatchObject({
        emails: [{ email: 'pat@work.test', primary: true }, { email: 'pat@home.test', primary: false }],
        primaryEmail: 'pat@work.test',
        primaryPhone: '+1 555 0100',
      });
      const found = await api(crm.state.t, crm.state.admin, 'GET', '/admin/api/contacts?filter[primaryEmail][contains]=WORK.test');
      expect(found.json.data.map((c: { id: string }) => c.id)).toEqual([created.json.data.id]);
      const noPrimary = await post('contacts', { firstName: 'Kim', emails: [{ email: 'kim@work.test' }] });
      expect(noPrimary.status).toBe(400);
      expect(noPrimary.json.errors[0]).toMatchObject({ title: 'contains primary constraint', detail: 'One of the emails must be set as primary.', source: { pointer: '/data/attributes/emails' } });
      const badEmail = await post('contacts', { firstName: 'Kim', emails: [{ email: 'not-an-email', primary: true }] });
      expect(badEmail.json.errors[0].source.pointer).toBe('/data/attributes/emails');
    });

    it('needs a first name, a last name, an e-mail or a phone — also after a partial update', async () => {
      const nothing = await post('contacts', { jobTitle: 'Buyer' });
      expect(nothing.status).toBe(400);
      expect(nothing.json.errors[0].detail).toBe('At least one of the fields First name, Last name, Emails or Phones must be defined.');
      const onlyName = await post('contacts', { lastName: 'Solo' });
      expect((await patch('contacts', onlyName.json.data.id, { lastName: null })).status).toBe(400);
      expect((await api(crm.state.t, crm.state.admin, 'GET', `/admin/api/contacts/${onlyName.json.data.id}`)).json.data.attributes.lastName).toBe('Solo');
      expect((await patch('contacts', onlyName.json.data.id, { lastName: null, phones: [{ phone: '123', primary: true }] })).status).toBe(200);
    });

    it('refuses a birthday in the future', async () => {
      const next = new Date(Date.now() + 86_400_000 * 2).toISOString().slice(0, 10);
      const response = await post('contacts', { firstName: 'Future', birthday: next });
      expect(response.status).toBe(400);
      expect(response.json.errors[0]).toMatchObject({ detail: 'The birth date cannot be in the future.', source: { pointer: '/data/attributes/birthday' } });
    });
  });

  describe('contact groups', () => {
    it('requires a unique label of 3 to 255 characters', async () => {
      expect((await post('contactgroups', { label: 'Sales Group' })).status).toBe(201);
      expect((await post('contactgroups', { label: 'Sales Group' })).json.errors[0]).toMatchObject({ status: '400', title: 'unique entity constraint', source: { pointer: '/data/attributes/label' } });
      expect((await post('contactgroups', { label: 'ab' })).json.errors[0].source.pointer).toBe('/data/attributes/label');
    });
  });

  describe('channels', () => {
    it('creates b2b and custom channels (inactive by default) but never a commerce one', async () => {
      const b2b = await post('channels', { name: 'Sales', channelType: 'b2b' });
      expect(b2b.status).toBe(201);
      expect(b2b.json.data.attributes).toMatchObject({ channelType: 'b2b', status: 'inactive', system: false });
      const commerce = await post('channels', { name: 'Shop', channelType: 'commerce' });
      expect(commerce.status).toBe(400);
      expect(commerce.json.errors[0].source.pointer).toBe('/data/attributes/channelType');
      expect((await patch('channels', b2b.json.data.id, { channelType: 'custom' })).status).toBe(400);
      expect((await patch('channels', b2b.json.data.id, { status: 'active' })).json.data.attributes.status).toBe('active');
    });

    it('creates the system commerce channel once through EnsureSystemChannel, and refuses to delete it', async () => {
      const first = await crm.state.t.get(CommandBus).execute(new EnsureSystemChannel(crm.state.ids.orgA, 'commerce', 'Commerce'));
      expect(await crm.state.t.get(CommandBus).execute(new EnsureSystemChannel(crm.state.ids.orgA, 'commerce', 'Commerce'))).toBe(first);
      const channel = await api(crm.state.t, crm.state.admin, 'GET', `/admin/api/channels/${first}`);
      expect(channel.json.data.attributes).toMatchObject({ channelType: 'commerce', status: 'active', system: true });
      const refused = await api(crm.state.t, crm.state.admin, 'DELETE', `/admin/api/channels/${first}`);
      expect(refused.status).toBe(409);
      expect(refused.json.errors[0].detail).toContain('System channels cannot be deleted');
    });
  });
});
