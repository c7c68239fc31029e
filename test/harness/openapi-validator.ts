import { spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = `
import { Validator } from '@seriousme/openapi-schema-validator';
let text = '';
process.stdin.on('data', (chunk) => (text += chunk)).on('end', async () => {
  const result = await new Validator().validate(JSON.parse(text));
  process.stdout.write(JSON.stringify(result.valid ? { valid: true } : result));
});`;

/**
 * Validates a document against the OpenAPI 3.1 schema ({ valid: true } or the errors). The validator is an ES module;
 * it runs in a Node process of its own, since Jest's CommonJS test runtime cannot reliably import one dynamically.
 */
export function validateOpenApi(document: object): Promise<{ valid: boolean; errors?: unknown }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', SCRIPT], { cwd: ROOT, env: { ...process.env, NODE_OPTIONS: '' } });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (errors += chunk));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`OpenAPI validator exited with ${code}: ${errors}`))));
    child.stdin.end(JSON.stringify(document));
  });
}
