import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TransactionRunner } from '../../libs/platform';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { api, login, requestToken, seedIdentities } from '../identity/auth-helpers';
import { STRONG_PASSWORD, mailsTo, register, setCustomerSettings, storefrontAction, storefrontSignIn, tokenIn } from './storefront-helpers';

describe('storefront registration, confirmation, sign-in and password reset', () => {
  let t: TestApp;
  let dir: string;
  let admin: string;
  let ids: Awaited<ReturnType<typeof seedIdentities>>;
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);
  const person = (email: string, extra: Record<string, unknown> = {}) => ({ email, password: STRONG_PASSWORD, firstName: 'Ann', lastName: 'Lee', companyName: 'Lee Trading', ...extra });
  const defaults = {
    registrationAllowed: true,
    confirmationRequired: true,
    companyNameFieldEnabled: true,
    emailEnumerationProtectionEnabled: true,
    autoLoginAfterRegistration: false,
    caseInsensitiveEmailAddressesEnabled: true,
    defaultCustomerOwner: null,
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'storefront-mail-'));
    t = await createTestApp({ env: { MAIL_DIR: dir, STOREFRONT_URL: 'https://shop.example.com' } });
    ids = await seedIdentities(t);
    await t.drain();
    admin = await login(t, 'admin@acme.test');
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(() => setCustomerSettings(t, admin, defaults));

  it('registers a customer and its Buyer, with its account, confirms by the mailed link, then signs in', async () => {
    const response = await register(t, person('ann@lee.test'));
    expect(response.status).toBe(201);
    expect(response.json).toEqual({ meta: { confirmationRequired: true } });

    const [user] = await sql(
      `SELECT cu.id::text, cu.confirmed, cu.enabled, cu.owner_id::text AS owner, c.name AS customer, c.owner_id::text AS customer_owner,
              c.organization_id::text AS organization, array_agg(r.role) AS roles,
              (SELECT count(*)::int FROM integration.customer_account ca WHERE ca.customer_id = c.id) AS accounts
       FROM commerce.customer_user cu JOIN commerce.customer c ON c.id = cu.customer_id
       JOIN commerce.customer_user_to_role ur ON ur.customer_user_id = cu.id JOIN commerce.customer_user_role r ON r.id = ur.role_id
       WHERE cu.email = 'ann@lee.test' GROUP BY cu.id, c.id`,
    );
    // The account is there before any background work ran: made in the registration's transaction.
    expect(user).toMatchObject({ confirmed: false, enabled: true, owner: ids.adminA, customer: 'Lee Trading', customer_owner: ids.adminA, organization: ids.orgA, roles: ['ROLE_FRONTEND_BUYER'], accounts: 1 });

    expect(mailsTo(dir, 'ann@lee.test')).toEqual([]); // sent by the job, after the commit
    await t.drain();
    const [mail] = mailsTo(dir, 'ann@lee.test');
    expect(mail).toContain('Subject: Confirm your e-mail address');
    expect(mail).toContain('https://shop.example.com/customer/user/confirm-email?token=');

    const unconfirmed = await storefrontSignIn(t, 'ann@lee.test', STRONG_PASSWORD);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.json).toEqual({ error: 'invalid_grant', error_description: 'The customer user is not confirmed.' });

    const token = tokenIn(mail);
    expect((await storefrontAction(t, 'POST', '/api/registration/confirmation', { token })).json).toEqual({ meta: { confirmed: true } });
    const again = await storefrontAction(t, 'POST', '/api/registration/confirmation', { token });
    expect(again.status).toBe(400);
    expect(again.json.errors[0].source).toEqual({ pointer: '/meta/token' });

    const signedIn = await storefrontSignIn(t, 'ANN@lee.test', STRONG_PASSWORD);
    expect(signedIn.status).toBe(200);
    expect(signedIn.json).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const [{ login_count }] = await sql(`SELECT login_count FROM commerce.customer_user WHERE email = 'ann@lee.test'`);
    expect(login_count).toBe(1);
    // A storefront token does not open the back office.
    expect((await api(t, signedIn.json.access_token, 'GET', '/admin/api/customers')).status).toBe(401);
  });

  it('writes nothing and mails nothing when the registration fails after the customer and user were written', async () => {
    // A failure at the last step (the confirmation token) rolls the whole registration back.
    await sql(`CREATE FUNCTION pg_temp_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'token store down'; END $$`);
    await sql(`CREATE TRIGGER fail_tokens BEFORE INSERT ON commerce.customer_user_token FOR EACH ROW EXECUTE FUNCTION pg_temp_fail()`);
    try {
      const response = await register(t, person('doomed@lee.test', { companyName: 'Doomed Ltd' }));
      expect(response.status).toBe(500);
      expect(response.json.errors[0]).toMatchObject({ status: '500', title: 'internal server error' });
    } finally {
      await sql(`DROP TRIGGER fail_tokens ON commerce.customer_user_token`);
      await sql(`DROP FUNCTION pg_temp_fail()`);
    }
    await t.drain();
    expect(await sql(`SELECT 1 FROM commerce.customer WHERE name = 'Doomed Ltd'`)).toEqual([]);
    expect(await sql(`SELECT 1 FROM commerce.customer_user WHERE email = 'doomed@lee.test'`)).toEqual([]);
    expect(await sql(`SELECT 1 FROM crm.account WHERE name = 'Doomed Ltd'`)).toEqual([]);
    expect(mailsTo(dir, 'doomed@lee.test')).toEqual([]);
  });

  it.each([
    [{ email: undefined }, '/data/attributes/email', 'not blank constraint', 'This value should not be blank.'],
    [{ email: 'not-an-address' }, '/data/attributes/email', 'email constraint', 'This value is not a valid email address.'],
    [{ firstName: '' }, '/data/attributes/firstName', 'not blank constraint', 'This value should not be blank.'],
    [{ lastName: 'x'.repeat(256) }, '/data/attributes/lastName', 'length constraint', 'This value is too long. It should have 255 characters or less.'],
    [{ companyName: null }, '/data/attributes/companyName', 'not blank constraint', 'This value should not be blank.'],
    [{ firstName: 42 }, '/data/attributes/firstName', 'form constraint', 'This value should be of type string.'],
    [{ nickname: 'A' }, '/data/attributes/nickname', 'extra fields constraint', 'This form should not contain extra fields: "nickname".'],
    [
      { password: 'short1A' },
      '/data/attributes/password',
      'password complexity constraint',
      'The password must be at least 8 characters long and include a lower case letter, an upper case letter and a number.',
    ],
    [{ password: 'alllowercase1' }, '/data/attributes/password', 'password complexity constraint', expect.stringContaining('an upper case letter')],
  ])('refuses %j with a pointer and writes nothing', async (change, pointer, title, detail) => {
    const [{ before }] = await sql(`SELECT count(*)::int AS before FROM commerce.customer`);
    const response = await register(t, person('bad@lee.test', change));
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([expect.objectContaining({ status: '400', title, detail, source: { pointer } })]);
    expect((await sql(`SELECT count(*)::int AS n FROM commerce.customer`))[0].n).toBe(before);
    expect(await sql(`SELECT 1 FROM commerce.customer_user WHERE email = 'bad@lee.test'`)).toEqual([]);
  });

  it('refuses a body that is not a registration document', async () => {
    const wrongType = await api(t, null, 'POST', '/api/registration', { data: { type: 'customers', attributes: person('x@lee.test') } });
    expect(wrongType.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/data/type' } });
    const noData = await api(t, null, 'POST', '/api/registration', { meta: {} });
    expect(noData.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/data' } });
    expect((await api(t, null, 'GET', '/api/registration')).status).toBe(405);
  });

  it('answers a taken e-mail exactly like a success and tells its owner at most once a day', async () => {
    await register(t, person('taken@lee.test'));
    await t.drain();
    const [{ customers }] = await sql(`SELECT count(*)::int AS customers FROM commerce.customer`);
    const first = await register(t, person('TAKEN@lee.test', { firstName: 'Eve', companyName: 'Eve Corp' }));
    const second = await register(t, person('taken@lee.test', { firstName: 'Eve', companyName: 'Eve Corp' }));
    expect([first.status, first.body]).toEqual([201, JSON.stringify({ meta: { confirmationRequired: true } })]);
    expect([second.status, second.body]).toEqual([201, first.body]);
    await t.drain();
    expect((await sql(`SELECT count(*)::int AS n FROM commerce.customer`))[0].n).toBe(customers);
    const subjects = mailsTo(dir, 'taken@lee.test').map((m) => /Subject: (.*)\r\n/.exec(m)![1]);
    expect(subjects).toEqual(['Confirm your e-mail address', 'Someone tried to register with your e-mail address']);
  });

  it('says the e-mail is taken when enumeration protection is off', async () => {
    await register(t, person('open@lee.test'));
    await setCustomerSettings(t, admin, { emailEnumerationProtectionEnabled: false });
    const response = await register(t, person('Open@lee.test'));
    expect(response.status).toBe(400);
    expect(response.json.errors[0]).toMatchObject({ title: 'unique customer user name and email constraint', detail: 'This email is already used.', source: { pointer: '/data/attributes/email' } });
  });

  it('is closed when registration is not allowed', async () => {
    await setCustomerSettings(t, admin, { registrationAllowed: false });
    const response = await register(t, person('closed@lee.test'));
    expect(response.status).toBe(403);
    expect(await sql(`SELECT 1 FROM commerce.customer_user WHERE email = 'closed@lee.test'`)).toEqual([]);
  });

  it('names the customer "First Last" when the company field is off, and refuses a company name then', async () => {
    await setCustomerSettings(t, admin, { companyNameFieldEnabled: false });
    const refused = await register(t, person('solo@lee.test'));
    expect(refused.json.errors[0]).toMatchObject({ title: 'extra fields constraint', source: { pointer: '/data/attributes/companyName' } });
    const { companyName: _, ...withoutCompany } = person('solo@lee.test', { firstName: 'Sol', lastName: 'Oh' });
    expect((await register(t, withoutCompany)).status).toBe(201);
    const [row] = await sql(`SELECT c.name FROM commerce.customer_user cu JOIN commerce.customer c ON c.id = cu.customer_id WHERE cu.email = 'solo@lee.test'`);
    expect(row.name).toBe('Sol Oh');
  });

  it('signs the user in at once without confirmation and with auto-login, and owns by the default owner', async () => {
    await setCustomerSettings(t, admin, { confirmationRequired: false, autoLoginAfterRegistration: true, defaultCustomerOwner: ids.managerA });
    const response = await register(t, person('quick@lee.test'));
    expect(response.status).toBe(201);
    expect(response.json.meta).toMatchObject({ confirmationRequired: false, token: { token_type: 'Bearer', access_token: expect.any(String), refresh_token: expect.any(String) } });
    const [row] = await sql(`SELECT cu.confirmed, cu.owner_id::text AS owner, c.owner_id::text AS customer_owner FROM commerce.customer_user cu JOIN commerce.customer c ON c.id = cu.customer_id WHERE cu.email = 'quick@lee.test'`);
    expect(row).toEqual({ confirmed: true, owner: ids.managerA, customer_owner: ids.managerA });
    const refreshed = await storefrontSignIn(t, 'quick@lee.test', STRONG_PASSWORD);
    expect(refreshed.status).toBe(200);
    await t.drain();
    expect(mailsTo(dir, 'quick@lee.test').map((m) => /Subject: (.*)\r\n/.exec(m)![1])).toEqual(['Welcome']);
  });

  it('resets a password by a mailed, single-use token, without telling which e-mails exist', async () => {
    await setCustomerSettings(t, admin, { confirmationRequired: false });
    await register(t, person('forgot@lee.test'));
    const unknown = await storefrontAction(t, 'POST', '/api/passwordresets', { email: 'nobody@lee.test' });
    const known = await storefrontAction(t, 'POST', '/api/passwordresets', { email: 'Forgot@lee.test' });
    expect([unknown.status, known.status]).toEqual([202, 202]);
    expect(known.body).toBe(unknown.body);
    await t.drain();
    expect(mailsTo(dir, 'nobody@lee.test')).toEqual([]);
    const mail = mailsTo(dir, 'forgot@lee.test').find((m) => m.includes('Subject: Reset your password'))!;
    const token = tokenIn(mail);

    const weak = await storefrontAction(t, 'PATCH', '/api/passwordresets', { token, password: 'weak' });
    expect(weak.json.errors[0]).toMatchObject({ title: 'password complexity constraint', source: { pointer: '/meta/password' } });
    const done = await storefrontAction(t, 'PATCH', '/api/passwordresets', { token, password: 'New-Secret-77' });
    expect(done.status).toBe(200);
    const reused = await storefrontAction(t, 'PATCH', '/api/passwordresets', { token, password: 'Other-Secret-88' });
    expect(reused.json.errors[0]).toMatchObject({ status: '400', source: { pointer: '/meta/token' } });
    expect((await storefrontSignIn(t, 'forgot@lee.test', STRONG_PASSWORD)).status).toBe(400);
    expect((await storefrontSignIn(t, 'forgot@lee.test', 'New-Secret-77')).status).toBe(200);
  });

  it('refuses sign-in to disabled, guest and reset users with their reasons, and lifts a reset with a new password', async () => {
    await setCustomerSettings(t, admin, { confirmationRequired: false });
    for (const email of ['disabled@lee.test', 'guest@lee.test', 'reset@lee.test']) await register(t, person(email));
    await sql(`UPDATE commerce.customer_user SET enabled = false WHERE email = 'disabled@lee.test'`);
    await sql(`UPDATE commerce.customer_user SET is_guest = true WHERE email = 'guest@lee.test'`);
    await sql(`UPDATE commerce.customer_user SET auth_status = 'reset' WHERE email = 'reset@lee.test'`);
    const reason = async (email: string, password = STRONG_PASSWORD) => (await storefrontSignIn(t, email, password)).json.error_description;
    expect(await reason('disabled@lee.test')).toBe('The customer user is disabled.');
    expect(await reason('guest@lee.test')).toBe('The customer user is a guest; guests cannot sign in.');
    expect(await reason('reset@lee.test')).toMatch(/^The password of the customer user was reset/);
    // Without the right password nothing is said about the account.
    expect(await reason('disabled@lee.test', 'Wrong-Password-1')).toBe('The user credentials were incorrect.');

    await storefrontAction(t, 'POST', '/api/passwordresets', { email: 'reset@lee.test' });
    await t.drain();
    const token = tokenIn(mailsTo(dir, 'reset@lee.test').find((m) => m.includes('Subject: Reset your password'))!);
    await storefrontAction(t, 'PATCH', '/api/passwordresets', { token, password: 'Fresh-Start-12' });
    expect((await storefrontSignIn(t, 'reset@lee.test', 'Fresh-Start-12')).status).toBe(200);
  });

  it('throttles failed storefront sign-ins like back-office ones', async () => {
    await setCustomerSettings(t, admin, { confirmationRequired: false });
    await register(t, person('slow@lee.test'));
    for (let i = 0; i < 5; i++) expect((await storefrontSignIn(t, 'slow@lee.test', 'Wrong-Password-1', '10.0.0.9')).status).toBe(400);
    const blocked = await storefrontSignIn(t, 'slow@lee.test', STRONG_PASSWORD, '10.0.0.9');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refreshes a storefront token while the user may act, and not once it is disabled', async () => {
    await setCustomerSettings(t, admin, { confirmationRequired: false });
    await register(t, person('refresh@lee.test'));
    const { json } = await storefrontSignIn(t, 'refresh@lee.test', STRONG_PASSWORD);
    const refreshed = await requestToken(t, { grant_type: 'refresh_token', client_id: 'storefront', refresh_token: json.refresh_token });
    expect(refreshed.status).toBe(200);
    await sql(`UPDATE commerce.customer_user SET enabled = false WHERE email = 'refresh@lee.test'`);
    const refused = await requestToken(t, { grant_type: 'refresh_token', client_id: 'storefront', refresh_token: refreshed.json.refresh_token });
    expect(refused.json).toEqual({ error: 'invalid_grant', error_description: 'The user is no longer active.' });
  });
});
