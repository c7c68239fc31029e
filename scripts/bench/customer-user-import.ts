import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { hashPassword } from '../../libs/platform/runtime';
import { insertPredefinedCustomerUserRoles } from '../../migrations/commerce/1763900002200-commerce-predefined-customer-user-roles';
import { benchDatabase } from './bench-database';
import { importBenchApp, importBenchOrganization, runBenchImport, timeRolledBack } from './import-bench-kit';

/** Customer users are written one by one, each with an argon2id hash: the part stays short whatever `--scale`. */
const MAX_ROWS = 1000;

/**
 * A CSV import of new customer users (10 customers, each user with the Buyer role), through `Imports.start` and the
 * operation's job as the worker runs it. Baselines in the same run: the same rows inserted raw (users and their role
 * links, one `INSERT … SELECT unnest(…)` each, rolled back), and the argon2id hashes alone (the file has no password
 * column, so every new user gets a random password, hashed as on any creation without one).
 */
export async function benchCustomerUserImport({ scale }: { scale: number }): Promise<void> {
  const rows = Math.min(scale, MAX_ROWS);
  console.log(`\nCustomer-user CSV import, ${rows} rows (${process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'embedded database'}; the bench process is the worker)\n`);
  console.log('| rows | ours ms | rows/s | raw INSERT … unnest ms | ratio | argon2id hashes alone ms (share of ours) |');
  console.log('|---|---|---|---|---|---|');
  const database = await benchDatabase();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-user-import-'));
  try {
    const { manifests, organizationId, userId } = await importBenchOrganization(database, ['commerce'], async (seed, organizationId, userId) => {
      // The predefined roles (Buyer) come with the organization's event; the bench runs no relay, so they are added here.
      await insertPredefinedCustomerUserRoles((sql, parameters) => seed.query(sql, parameters), organizationId);
      await seed.query(`INSERT INTO commerce.customer (organization_id, owner_id, name) SELECT $1, $2, 'Bench customer ' || i FROM generate_series(1, 10) i`, [organizationId, userId]);
    });
    const file = path.join(folder, 'customerusers.csv');
    const lines = ['First Name,Last Name,Email Address,Customer Name,Roles 1 Role,Enabled'];
    for (let i = 0; i < rows; i++) lines.push(`First${i},Last${i},${emailOf(i)},Bench customer ${(i % 10) + 1},ROLE_FRONTEND_BUYER,1`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);

    const app = await importBenchApp(database, ['commerce'], manifests);
    let ms: number;
    try {
      ({ ms } = await runBenchImport(app, organizationId, userId, 'customerusers', file));
      const [check] = await app.get(DataSource).query(`SELECT count(*)::int AS users FROM commerce.customer_user WHERE organization_id = $1`, [organizationId]);
      if (check.users !== rows) throw new Error(`The import wrote ${check.users} customer users, not ${rows}`);
    } finally {
      await app.close();
    }
    const raw = await rawInsert(database.url, organizationId, userId, rows);
    const hashing = process.hrtime.bigint();
    for (let i = 0; i < rows; i++) await hashPassword(`random password ${i}`);
    const hashMs = Number(process.hrtime.bigint() - hashing) / 1e6;
    console.log(`| ${rows} | ${Math.round(ms)} | ${Math.round((rows * 1000) / ms)} | ${Math.round(raw)} | ${(ms / raw).toFixed(0)} | ${Math.round(hashMs)} (${Math.round((100 * hashMs) / ms)} %) |`);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    await database.close();
  }
}

function emailOf(i: number): string {
  return `bench.user.${i + 1}@example.com`;
}

/** The same users and their Buyer role links inserted raw, rolled back. */
async function rawInsert(url: string, organizationId: string, ownerId: string, rows: number): Promise<number> {
  return timeRolledBack(url, async (client) => {
    const emails = Array.from({ length: rows }, (_, i) => emailOf(i));
    await client.query(
      `WITH users AS (
         INSERT INTO commerce.customer_user (organization_id, owner_id, customer_id, email, email_lowercase, first_name, last_name)
         SELECT $1, $2, c.id, e.email, lower(e.email), 'First' || e.n, 'Last' || e.n
         FROM unnest($3::text[]) WITH ORDINALITY e(email, n)
         JOIN commerce.customer c ON c.organization_id = $1 AND c.name = 'Bench customer ' || ((e.n - 1) % 10 + 1)
         RETURNING id
       )
       INSERT INTO commerce.customer_user_to_role (customer_user_id, role_id)
       SELECT u.id, r.id FROM users u, commerce.customer_user_role r WHERE r.organization_id = $1 AND r.role = 'ROLE_FRONTEND_BUYER'`,
      [organizationId, ownerId, emails],
    );
  });
}
