/**
 * The SQL-schema boundary (README "Architecture"): a module's code names only its own schema in SQL text; the
 * platform's code only the platform's; a module's migrations may also read or seed the platform's tables (they run
 * before any service exists), never another module's. dependency-cruiser sees imports, not SQL strings: this check
 * reads every string literal and template text of the product's TypeScript, and where it looks like SQL, reports each
 * `schema.table` of a schema the file does not own. Run by `npm test` (`npm run lint:sql`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface SourceFile {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  text: string;
}

export interface CrossSchemaReference {
  file: string;
  line: number;
  reference: string;
}

const SQL_WORDS = /\b(SELECT|INSERT|UPDATE|DELETE|FROM|JOIN|INTO|REFERENCES|TABLE|VIEW|SEQUENCE|TRUNCATE)\b/i;
const OWNER = /^(libs|migrations)\/([a-z]+)\//;

/** The schemas of the product: the platform's and one per module folder (each module owns a schema of its name). */
export function schemasOf(root: string): string[] {
  const notModules = new Set(['contracts', 'catalog']);
  return fs
    .readdirSync(path.join(root, 'libs'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !notModules.has(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** The product's TypeScript under libs/ and migrations/ (unit specs are test code and left out). */
export function productSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const file = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts') && !file.endsWith('.spec.ts') && !file.endsWith('.d.ts')) files.push({ file, text: fs.readFileSync(path.join(root, file), 'utf8') });
    }
  };
  walk('libs');
  walk('migrations');
  return files;
}

/** Every reference to a schema the file may not name, in SQL-looking text. */
export function findCrossSchemaSql(files: SourceFile[], schemas: string[]): CrossSchemaReference[] {
  const reference = new RegExp(`\\b(${schemas.join('|')})\\.([a-z_][a-z0-9_]*)`, 'g');
  const found: CrossSchemaReference[] = [];
  for (const { file, text } of files) {
    const owner = OWNER.exec(file);
    if (!owner || !schemas.includes(owner[2])) continue;
    const allowed = new Set([owner[2], ...(owner[1] === 'migrations' ? ['platform'] : [])]);
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) {
        const sql = node.text;
        if (SQL_WORDS.test(sql)) {
          for (const match of sql.matchAll(reference)) {
            if (allowed.has(match[1])) continue;
            const { line } = source.getLineAndCharacterOfPosition(node.getStart());
            found.push({ file, line: line + 1, reference: match[0] });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

if (require.main === module) {
  const root = path.resolve(__dirname, '../..');
  const found = findCrossSchemaSql(productSources(root), schemasOf(root));
  for (const f of found) process.stderr.write(`${f.file}:${f.line}: SQL names another schema's table: ${f.reference}\n`);
  if (found.length > 0) {
    process.stderr.write(`\n${found.length} SQL reference(s) across schemas: go through the owner's contracts or platform services instead.\n`);
    process.exit(1);
  }
  process.stdout.write('SQL schema boundaries: no reference across schemas.\n');
}
