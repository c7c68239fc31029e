// Runs once after all test files: removes the embedded-database snapshots of this run (see global-setup.js).
const fs = require('node:fs');
const path = require('node:path');

module.exports = async () => {
  const template = process.env.PGLITE_TEMPLATE_FILE;
  if (!template) return;
  const dir = path.dirname(template);
  const prefix = path.basename(template);
  for (const name of fs.readdirSync(dir)) {
    if (name.startsWith(prefix)) fs.rmSync(path.join(dir, name), { force: true });
  }
};
