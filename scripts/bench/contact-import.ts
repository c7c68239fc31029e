import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { benchDatabase } from './bench-database';
import { importBenchApp, importBenchOrganization, runBenchImport, timeRolledBack } from './import-bench-kit';

/**
 * A CSV import of new contacts (every one with a phone and an e-mail, every third with a second e-mail), through
 * `Imports.start` and the operation's job as the worker runs it. Baseline in the same run: the same contacts, e-mails
 * and phones inserted raw (one `INSERT … SELECT unnest(…)` each, rolled back).
 */
export async function benchContactImport({ scale }: { scale: number }): Promise<void> {
  const rows = scale;
  console.log(`\nContact CSV import, ${rows} rows (${process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'embedded database'}; the bench process is the worker)\n`);
  console.log('| rows | ours ms | rows/s | CPU ms | raw INSERT … unnest ms | ratio |');
  console.log('|---|---|---|---|---|---|');
  const database = await benchDatabase();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-contact-import-'));
  try {
    const { manifests, organizationId, userId } = await importBenchOrganization(database, ['crm']);
    const file = path.join(folder, 'contacts.csv');
    const lines = ['First Name,Last Name,Job Title,Emails 1 Email,Emails 2 Email,Phones 1 Phone'];
    for (let i = 0; i < rows; i++) lines.push(`First${i},Last${i},Buyer,${emailOf(i)},${i % 3 === 0 ? `home.${emailOf(i)}` : ''},+1 555 ${String(i).padStart(7, '0')}`);
    fs.writeFileSync(file, `${lines.join('\n')}\n`);

    const app = await importBenchApp(database, ['crm'], manifests);
    let run: Awaited<ReturnType<typeof runBenchImport>>;
    try {
      run = await runBenchImport(app, organizationId, userId, 'contacts', file);
      const [check] = await app.get(DataSource).query(
        `SELECT count(*)::int AS contacts, (SELECT count(*)::int FROM crm.contact_email) AS emails, (SELECT count(*)::int FROM crm.contact_phone) AS phones
         FROM crm.contact WHERE organization_id = $1`,
        [organizationId],
      );
      const emails = rows + Math.ceil(rows / 3);
      if (check.contacts !== rows || check.emails !== emails || check.phones !== rows) throw new Error(`The import wrote ${JSON.stringify(check)}, not ${rows} contacts`);
    } finally {
      await app.close();
    }
    const raw = await rawInsert(database.url, organizationId, userId, rows);
    console.log(`| ${rows} | ${Math.round(run.ms)} | ${Math.round((rows * 1000) / run.ms)} | ${Math.round(run.cpuMs)} | ${Math.round(raw)} | ${(run.ms / raw).toFixed(1)} |`);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
    await database.close();
  }
}

function emailOf(i: number): string {
  return `bench.contact.${i + 1}@example.com`;
}

/** The same contacts with their e-mails and phones inserted raw, rolled back. */
async function rawInsert(url: string, organizationId: string, ownerId: string, rows: number): Promise<number> {
  return timeRolledBack(url, async (client) => {
    const contacts = await client.query(
      `INSERT INTO crm.contact (organization_id, owner_id, created_by_id, updated_by_id, first_name, last_name, job_title)
       SELECT $1, $2, $2, $2, 'First' || n, 'Last' || n, 'Buyer' FROM generate_series(0, $3 - 1) n ORDER BY n RETURNING id`,
      [organizationId, ownerId, rows],
    );
    const ids = contacts.rows.map((r: { id: string }) => r.id);
    const emails = ids.flatMap((id: string, i: number) => (i % 3 === 0 ? [[id, emailOf(i), true], [id, `home.${emailOf(i)}`, false]] : [[id, emailOf(i), true]]));
    await client.query(`INSERT INTO crm.contact_email (contact_id, email, is_primary) SELECT * FROM unnest($1::bigint[], $2::text[], $3::boolean[])`, [
      emails.map((e: unknown[]) => e[0]),
      emails.map((e: unknown[]) => e[1]),
      emails.map((e: unknown[]) => e[2]),
    ]);
    await client.query(`INSERT INTO crm.contact_phone (contact_id, phone, is_primary) SELECT unnest($1::bigint[]), '+1 555 ' || lpad((generate_subscripts($1::bigint[], 1) - 1)::text, 7, '0'), true`, [ids]);
  });
}
