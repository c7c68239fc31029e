// Runs once before all test files: prepares a snapshot of a freshly initialised embedded database, so that each test
// file starts its own embedded database in well under a second instead of running initdb (about 3 s) every time.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

module.exports = async () => {
  // `DATABASE_URL=… REDIS_URL=… npm test` runs the suite against those servers too (each test file still gets its own
  // database on that server); TEST_DATABASE_URL / TEST_REDIS_URL take precedence. Workers inherit these variables.
  process.env.TEST_DATABASE_URL ||= process.env.DATABASE_URL || '';
  process.env.TEST_REDIS_URL ||= process.env.REDIS_URL || '';
  if (process.env.TEST_DATABASE_URL) return;
  const file = path.join(os.tmpdir(), `b2b-pglite-template-${process.pid}.tar`);
  const { PGlite } = require('@electric-sql/pglite');
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('none');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  process.env.PGLITE_TEMPLATE_FILE = file;
};
