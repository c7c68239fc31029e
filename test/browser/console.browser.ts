// Browser tests of the console: the real server on the embedded defaults with a seeded data set, driven through
// Debian's Chromium by playwright-core. Run with `npm run test:browser` (it builds first). Screenshots of the key
// pages go to test-results/screenshots.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ConsoleServer, seed } from './console-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', 'test-results', 'screenshots');
const LAUNCH_FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let browser: Browser;
// The CRM-only server boots while the combined product's tests run (its first start is mostly database set-up).
let crmOnly: Promise<ConsoleServer> | undefined;

// A job that failed every attempt: no API makes one, so it is written into the CRM-only server's database while the
// server is stopped (the embedded database serves one process at a time).
const DEAD_JOB = 'crm.aggregate-lifetime-averages';
async function startCrmOnly(): Promise<ConsoleServer> {
  const server = await ConsoleServer.start('crm');
  await server.withDatabase([
    `INSERT INTO platform.dead_letter (queue, job_name, job_key, data, error, attempts)
     VALUES ('default', '${DEAD_JOB}', '${DEAD_JOB}:browser', '{}', 'Error: the database connection was reset', 3)`,
  ]);
  return server;
}

async function newPage(server: ConsoleServer): Promise<{ context: BrowserContext; page: Page; foreign: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, baseURL: server.url });
  const foreign: string[] = [];
  const own = new URL(server.url).host;
  // Every request the page makes, whatever its kind (scripts, styles, fonts, API calls), must go to its own server.
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:', 'about:'].includes(url.protocol) && url.host !== own) foreign.push(request.url());
  });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { context, page, foreign };
}

async function signIn(page: Page, password = ADMIN_PASSWORD): Promise<void> {
  await page.goto('/admin/');
  await page.getByLabel('E-mail').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const total = (page: Page) => page.getByTestId('pager-total');
const menu = (page: Page) => page.getByRole('navigation', { name: 'Menu' });

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: LAUNCH_FLAGS });
});
after(async () => {
  await browser?.close();
  await crmOnly?.then((server) => server.stop(), () => undefined);
});

describe('the console on the combined product', () => {
  let server: ConsoleServer;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];

  before(async () => {
    server = await ConsoleServer.start('crm,commerce,integration');
    crmOnly = startCrmOnly();
    crmOnly.catch(() => undefined);
    await seed(server, true);
    ({ context, page, foreign } = await newPage(server));
  });
  after(async () => {
    await context?.close();
    await server?.stop();
  });

  test('refuses a wrong password with the server’s message, then signs in and shows the organization and the user', async () => {
    await signIn(page, 'wrong password');
    await page.getByRole('alert').filter({ hasText: 'The user credentials were incorrect.' }).waitFor();
    await shot(page, 'sign-in');
    await signIn(page);
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await page.getByTestId('organization').filter({ hasText: 'Default' }).waitFor();
    await page.getByTestId('current-user').filter({ hasText: /\S/ }).waitFor();
  });

  // 25 seeded accounts, and one more for each of the 3 customers (the integration gives every customer an account).
  test('accounts grid: total and paging, sorting, a filter chip, page size, columns; the state survives a reload', async () => {
    await page.goto('/admin/accounts');
    await total(page).filter({ hasText: '1–10 of 28' }).waitFor();
    await page.getByRole('button', { name: 'Next page' }).click();
    await total(page).filter({ hasText: '11–20 of 28' }).waitFor();
    assert.match(page.url(), /page=2/);

    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await page.getByRole('row').nth(1).filter({ hasText: 'Account 01' }).waitFor();
    await page.getByRole('button', { name: 'Sort by Name' }).click();
    await page.getByRole('row').nth(1).filter({ hasText: 'Northwind' }).waitFor();
    assert.match(decodeURIComponent(page.url()), /sort=-name/);

    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('menuitem', { name: 'Name', exact: true }).click();
    await page.getByRole('textbox', { name: 'Value', exact: true }).fill('Account 2');
    await page.getByRole('button', { name: 'Apply' }).click();
    await total(page).filter({ hasText: '1–6 of 6' }).waitFor();
    await page.getByTestId('filter-chip').filter({ hasText: 'Name contains Account 2' }).waitFor();

    await page.getByLabel('Rows per page').selectOption('25');
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Updated at' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Extend description' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('columnheader', { name: 'Updated at' }).waitFor();
    assert.equal(await page.getByRole('columnheader', { name: 'Extend description' }).count(), 0);
    await shot(page, 'accounts-grid');

    // A bookmark: the same URL in a fresh load shows the same grid (the session resumes from the refresh token).
    await page.reload();
    await total(page).filter({ hasText: '1–6 of 6' }).waitFor();
    await page.getByRole('columnheader', { name: 'Updated at' }).waitFor();
    await page.getByRole('row').nth(1).filter({ hasText: 'Account 25' }).waitFor();
  });

  test('every grid of the menu: its total, a sort, a filter on the first row’s id, and paging when it has more rows', async () => {
    const entries = ['Accounts', 'Contacts', 'Contact groups', 'Customers', 'Customer users', 'Customer groups', 'Customer-user roles', 'Leads', 'Opportunities', 'Business customers', 'Channels', 'Users', 'Roles'];
    for (const entry of entries) {
      await menu(page).getByRole('link', { name: entry, exact: true }).click();
      await page.getByRole('heading', { name: entry, exact: true }).waitFor();
      const shown = await total(page).filter({ hasText: / of \d+$/ }).textContent();
      const count = Number(/ of (\d+)$/.exec(shown ?? '')![1]);
      const sortable = page.getByRole('button', { name: /^Sort by / }).first();
      if (await sortable.count()) {
        await sortable.click();
        await page.locator('th[aria-sort="ascending"]').waitFor();
      }
      if (count > 10) {
        await page.getByRole('button', { name: 'Next page' }).click();
        await total(page).filter({ hasText: new RegExp(`^11–${Math.min(20, count)} of ${count}$`) }).waitFor();
        await page.getByRole('button', { name: 'Previous page' }).click();
        await total(page).filter({ hasText: new RegExp(`^1–10 of ${count}$`) }).waitFor();
      }
      if (count > 0) {
        // A generated case per grid: the id of whatever row comes first, as an "is" filter chip: exactly that row.
        const href = await page.getByRole('row').nth(1).getByRole('link', { name: 'View', exact: true }).getAttribute('href');
        const id = href!.split('/').pop()!;
        await page.getByRole('button', { name: 'Add filter' }).click();
        await page.getByRole('menuitem', { name: 'Id', exact: true }).click();
        await page.getByLabel('Operator').selectOption('eq');
        await page.getByRole('textbox', { name: 'Value', exact: true }).fill(id);
        await page.getByRole('button', { name: 'Apply' }).click();
        await total(page).filter({ hasText: /^1–1 of 1$/ }).waitFor();
        assert.equal(await page.getByRole('row').nth(1).getByRole('link', { name: 'View', exact: true }).getAttribute('href'), href, entry);
      }
      assert.equal(await page.getByRole('alert').count(), 0, `${entry}: ${await page.getByRole('alert').allTextContents()}`);
    }
  });

  test('creates, edits (the server’s refusal shown on its field) and deletes an account; warns of unsaved changes', async () => {
    await page.goto('/admin/accounts');
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByLabel('Name').fill('   ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('error-name').filter({ hasText: 'This value should not be blank.' }).waitFor();
    await page.getByLabel('Name').fill('Browser Account');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Browser Account' }).waitFor();
    await page.getByTestId('info-owner').getByRole('link').waitFor();
    await shot(page, 'account-view');

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Name').fill('Browser Account renamed');
    // Leaving with unsaved changes asks first; staying keeps them.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await page.getByRole('link', { name: '← Accounts' }).click();
    assert.equal(await page.getByLabel('Name').inputValue(), 'Browser Account renamed');
    await page.getByLabel('Name').fill(' ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('error-name').filter({ hasText: 'This value should not be blank.' }).waitFor();
    assert.equal(await page.getByLabel('Name').getAttribute('aria-invalid'), 'true');
    await shot(page, 'account-edit-error');
    await page.getByLabel('Name').fill('Browser Account renamed');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Browser Account renamed' }).waitFor();

    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await total(page).filter({ hasText: 'of 28' }).waitFor();
  });

  test('deletes several accounts at once from the grid', async () => {
    await page.goto('/admin/accounts?sort=name');
    await page.getByLabel('Select Account 01').check();
    await page.getByLabel('Select Account 02').check();
    await page.getByRole('button', { name: 'Delete selected (2)' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('status').filter({ hasText: '2 records deleted.' }).waitFor();
    await total(page).filter({ hasText: 'of 26' }).waitFor();
  });

  test('shows the server’s refusal of a delete', async () => {
    await page.goto('/admin/roles');
    await page.getByRole('row').filter({ hasText: 'ADMINISTRATOR' }).getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alert').waitFor();
    await total(page).filter({ hasText: /of [1-9]/ }).waitFor();
  });

  test('creates, edits (the server’s refusal on its field) and deletes a contact', async () => {
    await page.goto('/admin/contacts/new');
    await page.getByLabel('First name').fill('Edsger');
    await page.getByLabel('Emails').fill('[{"email": "not-an-email", "primary": true}]');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('error-emails').filter({ hasText: 'Invalid email' }).waitFor();
    await page.getByLabel('Emails').fill('[{"email": "edsger@example.com", "primary": true}]');
    await page.getByRole('button', { name: 'Accounts: Choose…' }).click();
    await page.getByLabel('Search… Accounts').fill('Account 1');
    await page.getByRole('option', { name: 'Account 10' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Edsger' }).waitFor();
    await page.getByRole('link', { name: 'Account 10' }).waitFor();

    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Last name').fill('Dijkstra');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Edsger Dijkstra' }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Contacts' }).waitFor();
    await total(page).filter({ hasText: 'of 3' }).waitFor();
  });

  test('creates, edits (the server’s refusal on its field) and deletes a customer', async () => {
    await page.goto('/admin/customers');
    await page.getByRole('link', { name: 'Create' }).click();
    await page.getByLabel('Name').fill('  ');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('error-name').filter({ hasText: 'This value should not be blank.' }).waitFor();
    await page.getByLabel('Name').fill('Browser Customer');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Browser Customer' }).waitFor();
    await shot(page, 'customer-view');
    await page.getByRole('link', { name: 'Edit' }).click();
    await page.getByLabel('Name').fill('Browser Customer GmbH');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { name: 'Browser Customer GmbH' }).waitFor();
    await page.getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await page.getByRole('heading', { name: 'Customers' }).waitFor();
    await total(page).filter({ hasText: 'of 3' }).waitFor();
  });

  test('the account page (360° view) shows a customer’s paid order in the commerce total, each record one click away', async () => {
    const token = await server.token();
    const [northwind] = await server.find(token, 'accounts', 'filter[name]=Northwind');
    await server.create(token, 'contacts', { firstName: 'Nancy', lastName: 'Davolio' }, { accounts: { data: [{ type: 'accounts', id: northwind }] } });
    await page.goto(`/admin/accounts/${northwind}`);
    await page.getByRole('heading', { name: 'Northwind' }).waitFor();
    // The whole page is the overview: one API request.
    const requests: string[] = [];
    const record = (request: { url(): string }) => void (request.url().includes('/admin/api/') && requests.push(new URL(request.url()).pathname));
    page.on('request', record);
    await page.getByRole('link', { name: '360° view' }).click();
    await page.getByRole('heading', { name: 'Northwind', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Contacts' }).getByRole('link', { name: 'Nancy Davolio' }).waitFor();
    page.off('request', record);
    assert.deepEqual(requests, [`/admin/api/accounts/${northwind}/overview`]);
    // The order reaches the account's total through background jobs: reload until they have run.
    const commerce = page.getByTestId('lifetime-channel').filter({ hasText: 'Commerce' });
    for (let attempt = 0; attempt < 20 && !(await commerce.filter({ hasText: '1,250.00' }).count()); attempt++) {
      await page.waitForTimeout(500);
      await page.reload();
      await page.getByRole('heading', { name: 'Northwind', level: 1 }).waitFor();
    }
    await commerce.filter({ hasText: '1,250.00' }).waitFor();
    await page.getByTestId('lifetime-total').filter({ hasText: '1,250.00' }).waitFor();
    const customer = page.getByTestId('overview-customer').filter({ hasText: 'Northwind' });
    await customer.getByTestId('overview-order').filter({ hasText: 'SO-1001' }).filter({ hasText: '1,300.00 USD' }).waitFor();
    await shot(page, 'account-overview');
    await customer.getByRole('link', { name: 'SO-1001' }).click();
    await page.getByRole('heading', { name: 'SO-1001' }).waitFor();
  });

  test('customer tree: search opens the ancestors, expand reads children, change parent, a cycle refused', async () => {
    const token = await server.token();
    const root = await server.create(token, 'customers', { name: 'Tree Root' });
    const branch = await server.create(token, 'customers', { name: 'Tree Branch' }, { parent: { data: { type: 'customers', id: root } } });
    await server.create(token, 'customers', { name: 'Tree Leaf' }, { parent: { data: { type: 'customers', id: branch } } });
    await page.goto('/admin/customers');
    await page.getByRole('link', { name: 'Tree', exact: true }).click();
    await page.getByRole('heading', { name: 'Customer hierarchy' }).waitFor();
    const tree = page.getByRole('tree');
    await tree.getByRole('treeitem', { name: 'Contoso' }).waitFor();
    assert.equal(await tree.getByRole('link', { name: 'Tree Leaf' }).count(), 0);

    await page.getByLabel('Find a customer').fill('Leaf');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await tree.locator('a[data-hit]', { hasText: 'Tree Leaf' }).waitFor();
    await shot(page, 'customer-tree');
    await page.getByRole('button', { name: 'Collapse Tree Branch' }).click();
    assert.equal(await tree.getByRole('link', { name: 'Tree Leaf' }).count(), 0);
    // The keyboard: → on the branch opens it again, ↓ goes to its child.
    await tree.getByRole('link', { name: 'Tree Branch' }).focus();
    await page.keyboard.press('ArrowRight');
    await tree.getByRole('link', { name: 'Tree Leaf' }).waitFor();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Tree Leaf');

    // Under its own grandchild: refused, in the API's words.
    await page.getByRole('button', { name: 'Change the parent of Tree Root' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'New parent' }).click();
    await page.getByLabel('Search… Customers').fill('Tree Leaf');
    await page.getByRole('option', { name: 'Tree Leaf' }).click();
    await dialog.getByRole('button', { name: 'Move' }).click();
    await dialog.getByRole('alert').filter({ hasText: "Circular reference detected. 'Tree Leaf' cannot be a parent of 'Tree Root' because it is its child." }).waitFor();
    await shot(page, 'customer-tree-cycle');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Change the parent of Tree Leaf' }).click();
    await dialog.getByRole('button', { name: 'New parent' }).click();
    await page.getByLabel('Search… Customers').fill('Contoso');
    await page.getByRole('option', { name: 'Contoso' }).click();
    await dialog.getByRole('button', { name: 'Move' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Expand Contoso' }).click();
    await tree.getByRole('treeitem', { name: 'Contoso' }).getByRole('link', { name: 'Tree Leaf' }).waitFor();
  });

  test('settings pages from the served sections: a refusal on its field, the strategy switch and its background progress', async () => {
    await menu(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Currency', level: 2 }).waitFor();
    await page.getByLabel('Base currency').fill('usd');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByTestId('error-baseCurrency').waitFor();
    assert.equal(await page.getByLabel('Base currency').getAttribute('aria-invalid'), 'true');

    // The refused value is still unsaved: leaving asks first.
    const asked = new Promise<string>((resolve) => page.once('dialog', (dialog) => void dialog.accept().then(() => resolve(dialog.message()))));
    await page.getByRole('link', { name: 'CRM and Commerce' }).click();
    assert.match(await asked, /unsaved changes/);
    await page.getByRole('heading', { name: 'CRM and Commerce', level: 2 }).waitFor();
    const progress = page.getByTestId('progress-reassignCustomerAccounts');
    await progress.filter({ hasText: 'Has not run here.' }).waitFor();
    await page.getByLabel('Customer account strategy').selectOption('root');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await progress.filter({ hasText: /Finished: (\d+) of \1 customers/ }).waitFor({ timeout: 60_000 });
    await shot(page, 'settings-integration');
  });

  test('role permission matrix: a back-office role gets a row for a resource it had none for; each role saved in one request', async () => {
    await page.goto('/admin/roles');
    await page.getByRole('row').filter({ hasText: 'SALES_REP' }).getByRole('link', { name: 'View' }).click();
    await page.getByRole('link', { name: 'Permissions' }).click();
    await page.getByRole('heading', { name: 'Permissions of Sales Rep' }).waitFor();
    const roleId = /\/roles\/(\d+)\/permissions/.exec(page.url())![1];
    assert.equal(await page.getByLabel('All CRM resources VIEW').inputValue(), 'own');
    // The role grants on whole modules only: no row for accounts until one is added.
    assert.equal(await page.getByLabel('Accounts VIEW', { exact: true }).count(), 0);
    const patches: string[] = [];
    const countPatch = (request: { method(): string; url(): string }) => void (request.method() === 'PATCH' && patches.push(request.url()));
    page.on('request', countPatch);
    await page.getByLabel('Add resource').selectOption({ label: 'Accounts' });
    await page.getByLabel('Accounts VIEW', { exact: true }).selectOption('organization');
    await page.getByLabel('Accounts DELETE', { exact: true }).selectOption('none');
    assert.equal(await page.getByLabel('Add resource').locator('option', { hasText: /^Accounts$/ }).count(), 0);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await shot(page, 'role-permissions');
    await page.reload();
    await page.getByRole('heading', { name: 'Permissions of Sales Rep' }).waitFor();
    assert.equal(await page.getByLabel('Accounts VIEW', { exact: true }).inputValue(), 'organization');
    assert.equal(await page.getByLabel('Accounts DELETE', { exact: true }).inputValue(), 'none');
    const token = await server.token();
    const role = await server.read<{ data: { attributes: { permissions: Array<{ resource: string; permission: string; level: string }> } } }>(token, `roles/${roleId}`);
    const granted = role.body.data.attributes.permissions.filter((p) => p.resource === 'accounts');
    assert.deepEqual(granted, [
      { resource: 'accounts', permission: 'VIEW', level: 'organization' },
      { resource: 'accounts', permission: 'DELETE', level: 'none' },
    ]);
    assert.ok(role.body.data.attributes.permissions.some((p) => p.resource === 'module:crm'), 'the module grants stay');

    await page.goto('/admin/customeruserroles');
    await page.getByRole('row').filter({ hasText: 'ROLE_FRONTEND_BUYER' }).getByRole('link', { name: 'View' }).click();
    await page.getByRole('link', { name: 'Permissions' }).click();
    await page.getByRole('heading', { name: 'Permissions of Buyer' }).waitFor();
    assert.equal(await page.getByLabel('Orders VIEW', { exact: true }).inputValue(), 'user');
    await page.getByLabel('Orders DELETE', { exact: true }).selectOption('department');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    page.off('request', countPatch);
    assert.equal(patches.length, 2, patches.join(' '));
    await page.reload();
    await page.getByRole('heading', { name: 'Permissions of Buyer' }).waitFor();
    assert.equal(await page.getByLabel('Orders DELETE', { exact: true }).inputValue(), 'department');
  });

  test('account merge wizard: pick two accounts, choose the master and a field’s source, confirm, land on the merged account', async () => {
    const token = await server.token();
    const alpha = await server.create(token, 'accounts', { name: 'Merge Alpha', externalId: 'EXT-ALPHA' });
    await server.create(token, 'accounts', { name: 'Merge Beta', externalId: 'EXT-BETA' });
    await page.goto(`/admin/accounts?sort=name&filters=${encodeURIComponent(JSON.stringify([{ field: 'name', op: 'starts_with', value: 'Merge ' }]))}`);
    await total(page).filter({ hasText: '1–2 of 2' }).waitFor();
    await page.getByLabel('Select Merge Alpha').check();
    assert.equal(await page.getByRole('link', { name: /^Merge selected/ }).count(), 0);
    await page.getByLabel('Select Merge Beta').check();
    await page.getByRole('link', { name: 'Merge selected (2)' }).click();
    await page.getByRole('heading', { name: 'Merge 2 accounts' }).waitFor();
    await page.getByLabel('Keep Merge Alpha as the master').check();
    await page.getByLabel('Name from Merge Beta').check();
    await shot(page, 'account-merge');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByTestId('merged-name').filter({ hasText: 'Merge Beta' }).waitFor();
    await page.getByTestId('merged-externalId').filter({ hasText: 'EXT-ALPHA' }).waitFor();
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await page.getByRole('heading', { name: 'Merge Beta' }).waitFor();
    assert.match(page.url(), new RegExp(`/admin/accounts/${alpha}$`));
    await page.goto(`/admin/accounts?filters=${encodeURIComponent(JSON.stringify([{ field: 'name', op: 'starts_with', value: 'Merge ' }]))}`);
    await total(page).filter({ hasText: '1–1 of 1' }).waitFor();
  });

  test('exports the filtered, sorted accounts grid as CSV in the background: exactly the rows the grid shows, in its order', async () => {
    const token = await server.token();
    for (const name of ['Export A1', 'Export A2', 'Export B1']) await server.create(token, 'accounts', { name });
    await page.goto(`/admin/accounts?sort=-name&filters=${encodeURIComponent(JSON.stringify([{ field: 'name', op: 'starts_with', value: 'Export A' }]))}`);
    await total(page).filter({ hasText: '1–2 of 2' }).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
    const [header, ...rows] = csv.split(/\r?\n/).filter((line) => line !== '');
    const nameAt = header.split(',').indexOf('Name');
    assert.ok(nameAt >= 0, header);
    assert.deepEqual(rows.map((row) => row.split(',')[nameAt]), ['Export A2', 'Export A1']);
    // An asynchronous export: the file of its operation (which the Operations page lists too).
    assert.match(download.suggestedFilename(), /^accounts-\d+\.csv$/);
    await page.getByRole('status').filter({ hasText: `Saved ${download.suggestedFilename()}.` }).waitFor();
  });

  test('imports customers: validate-only shows the bad row and writes nothing, then the real import adds the others', async () => {
    const csv = ['Name,Parent Name', 'Import Child,Import Root', 'Import Root,', 'Import Bad,Import Nowhere'].join('\n');
    const file = { name: 'customers.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) };
    const rowError = 'Error in row #3. Parent Name: Parent customer with name "Import Nowhere" was not found';
    await page.goto(`/admin/customers?filters=${encodeURIComponent(JSON.stringify([{ field: 'name', op: 'starts_with', value: 'Import ' }]))}`);
    await page.getByText('No records match.').waitFor();

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Import Customers' });
    const [template] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Download template' }).click()]);
    assert.match(readFileSync(await template.path(), 'utf8'), /^\uFEFF?Id,Name,Parent Id/);
    await dialog.getByLabel('CSV file').setInputFiles(file);
    await dialog.getByLabel(/^Validate only/).check();
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await dialog.getByTestId('import-summary').filter({ hasText: 'Read 3, would add 2, would replace 0, errors 1. Nothing was written.' }).waitFor();
    await dialog.getByRole('alert').filter({ hasText: rowError }).waitFor();
    await shot(page, 'import-validate-only');
    await dialog.getByRole('button', { name: 'Close' }).click();
    await page.getByText('No records match.').waitFor();

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await dialog.getByLabel('CSV file').setInputFiles(file);
    await dialog.getByRole('button', { name: 'Upload' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Finished (100%)' }).waitFor();
    await dialog.getByTestId('import-summary').filter({ hasText: 'Read 3, added 2, replaced 0, errors 1.' }).waitFor();
    await dialog.getByRole('alert').filter({ hasText: rowError }).waitFor();
    await dialog.getByRole('button', { name: 'Close' }).click();
    // The grid behind the dialog was read again when the import finished.
    await total(page).filter({ hasText: '1–2 of 2' }).waitFor();
    await page.getByLabel('Select Import Root', { exact: true }).waitFor();
    // The child names its parent, a row of the same file.
    await page.getByRole('row').filter({ has: page.getByLabel('Select Import Child', { exact: true }) }).getByRole('link', { name: 'Import Root' }).waitFor();
  });

  test('operations page: the user’s imports and exports, newest first, with summary, row errors and an export’s file', async () => {
    const token = await server.token();
    const started = await server.post<{ data: { id: string } }>(token, 'exports', {
      data: { type: 'exports', attributes: { entityType: 'customers', filter: { name: { starts_with: 'Import ' } }, sort: 'name' } },
    });
    assert.equal(started.status, 202);
    const exportId = started.body.data.id;
    await menu(page).getByRole('link', { name: 'Operations', exact: true }).click();
    await page.getByRole('heading', { name: 'Operations', exact: true }).waitFor();
    // The export runs in the background; the page reads the list again until it has finished.
    const exported = page.getByTestId(`operation-${exportId}`);
    await exported.filter({ hasText: 'Finished' }).filter({ hasText: '2 rows exported.' }).waitFor();
    assert.match((await page.getByRole('row').nth(1).textContent()) ?? '', new RegExp(`Export #${exportId}`), 'newest first');
    // The imports of the test before: the check and the real one, with their summaries and, on demand, a row error.
    await page.getByRole('row').filter({ hasText: 'Import check #' }).filter({ hasText: 'Nothing was written.' }).waitFor();
    const imported = page.getByRole('row').filter({ hasText: 'Read 3, added 2, replaced 0, errors 1.' });
    await imported.waitFor();
    await imported.getByRole('button', { name: 'Errors (1)' }).click();
    await page.getByText('Error in row #3. Parent Name: Parent customer with name "Import Nowhere" was not found').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), exported.getByRole('button', { name: `Download Export #${exportId}` }).click()]);
    assert.equal(download.suggestedFilename(), `customers-${exportId}.csv`);
    const rows = readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line !== '');
    assert.deepEqual(rows.slice(1).map((row) => row.split(',')[1]), ['Import Child', 'Import Root']);
    await shot(page, 'operations');
  });

  test('the API reference is served from this server', async () => {
    // A large script (the reference renders every resource of the document): slow on a busy machine.
    await page.goto('/admin/api/doc', { timeout: 90_000 });
    await page.getByText('Back-office API').first().waitFor({ timeout: 90_000 });
    await shot(page, 'api-reference');
  });

  test('signs out: back to sign-in, and the refresh token no longer resumes the session', async () => {
    await page.goto('/admin/accounts');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.equal(await page.evaluate(() => sessionStorage.getItem('console.refreshToken')), null);
    await page.goto('/admin/accounts');
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
  });

  test('made no request to another host', () => {
    assert.deepEqual(foreign, []);
  });
});

describe('the console on a CRM-only server', () => {
  let server: ConsoleServer;
  let context: BrowserContext;
  let page: Page;
  let foreign: string[];

  before(async () => {
    server = await (crmOnly ??= startCrmOnly());
    ({ context, page, foreign } = await newPage(server));
  });
  after(async () => {
    await context?.close();
  });

  test('shows the CRM pages and no Commerce menu entry', async () => {
    await signIn(page);
    await page.getByRole('heading', { name: 'Accounts' }).waitFor();
    await menu(page).getByRole('link', { name: 'Contacts', exact: true }).waitFor();
    for (const commerce of ['Customers', 'Customer users', 'Customer groups', 'Customer-user roles']) {
      assert.equal(await menu(page).getByRole('link', { name: commerce, exact: true }).count(), 0, commerce);
    }
    await shot(page, 'crm-only-menu');
  });

  test('the account page falls back to what CRM serves', async () => {
    const token = await server.token();
    const account = await server.create(token, 'accounts', { name: 'CRM Only Co' });
    await server.create(token, 'contacts', { firstName: 'Olga', lastName: 'Orlova' }, { accounts: { data: [{ type: 'accounts', id: account }] } });
    await page.goto(`/admin/accounts/${account}`);
    await page.getByRole('link', { name: '360° view' }).click();
    await page.getByRole('heading', { name: 'CRM Only Co', level: 1 }).waitFor();
    await page.getByRole('region', { name: 'Contacts' }).getByRole('link', { name: 'Olga Orlova' }).waitFor();
    await page.getByRole('region', { name: 'Open opportunities' }).waitFor();
    assert.equal(await page.getByRole('heading', { name: /Commerce customers/ }).count(), 0);
  });

    test('dead letters: list, inspect, retry once', async () => {
    await menu(page).getByRole('link', { name: 'Dead letters' }).click();
    await total(page).filter({ hasText: '1–1 of 1' }).waitFor();
    await page.getByRole('row').filter({ hasText: DEAD_JOB }).getByRole('link', { name: 'View' }).click();
    await page.getByRole('heading', { name: DEAD_JOB }).waitFor();
    await page.getByText('Error: the database connection was reset').waitFor();
    await page.getByRole('button', { name: 'Retry' }).click();
    await page.getByRole('status').filter({ hasText: 'Queued again' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Retry' }).count(), 0);
    await page.getByRole('heading', { name: DEAD_JOB }).waitFor();
    assert.doesNotMatch(await page.getByText('Retried at').locator('xpath=..').innerText(), /—/);
    await shot(page, 'dead-letter');
  });

  test('the CRM-only console made no request to another host', () => {
    assert.deepEqual(foreign, []);
  });
});
