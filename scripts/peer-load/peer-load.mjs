// The three operations users compare products on (targets.md S11), at 10 connections, against this product or any
// other one on the same machine: get a customer with its group and addresses, list customers whose name contains a term
// (10 rows with the total), create a customer. Prints requests per second and p50/p95/p99 latency per operation.
//
//   node scripts/peer-load/peer-load.mjs [--base http://127.0.0.1:3000] [--config other-product.json]
//     [--connections 10] [--seconds 10] [--warmup 2] [--only get,list,create] [--ids 1-20000]
//     [--user admin@example.com --password …]
//
// Without --config it targets this product (its JSON:API, a token from the password grant). A --config file describes
// another product (see peer-load.example.json): a base URL, headers, and per operation a method, a path and an optional
// body, where {id} becomes a random id of --ids (or "ids" in the file), {term} a random term, {n} a unique number.
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    base: { type: 'string' },
    config: { type: 'string' },
    connections: { type: 'string', default: '10' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    only: { type: 'string', default: 'get,list,create' },
    ids: { type: 'string' },
    user: { type: 'string', default: process.env.ADMIN_EMAIL ?? 'admin@example.com' },
    password: { type: 'string', default: process.env.ADMIN_PASSWORD },
  },
});

const TERMS = ['10', '21', '32', '43', '54', '65', '76', '87', '98', '19'];

/** This product: its back-office JSON:API, signed in with the password grant. */
async function ownProduct(base) {
  if (!values.password) throw new Error('--password (or ADMIN_PASSWORD) is needed to sign in to this product.');
  const token = await fetch(`${base}/oauth2-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', client_id: 'backoffice', username: values.user, password: values.password }),
  }).then(async (r) => (r.ok ? (await r.json()).access_token : Promise.reject(new Error(`sign-in refused: ${r.status} ${await r.text()}`))));
  const headers = { authorization: `Bearer ${token}`, accept: 'application/vnd.api+json' };
  const edge = async (sort) => {
    const body = await (await fetch(`${base}/admin/api/customers?page%5Bsize%5D=1&sort=${sort}&fields%5Bcustomers%5D=name`, { headers })).json();
    return Number(body.data?.[0]?.id);
  };
  return {
    base,
    headers,
    ids: [await edge('id'), await edge('-id')],
    terms: TERMS,
    operations: {
      get: { method: 'GET', path: '/admin/api/customers/{id}?include=group,addresses' },
      list: { method: 'GET', path: '/admin/api/customers?filter%5Bname%5D%5Bcontains%5D={term}&page%5Bsize%5D=10', headers: { 'x-include': 'totalCount' } },
      create: {
        method: 'POST',
        path: '/admin/api/customers',
        headers: { 'content-type': 'application/vnd.api+json' },
        body: '{"data":{"type":"customers","attributes":{"name":"Load customer {n}"}}}',
      },
    },
  };
}

function idRange(text) {
  const match = /^(\d+)-(\d+)$/.exec(text ?? '');
  if (!match) throw new Error('--ids takes a range of ids such as 1-20000.');
  return [Number(match[1]), Number(match[2])];
}

/** One operation for `seconds` at `connections`; every response's time and status are kept (autocannon has no p95). */
function load(target, operation, seconds) {
  const [low, high] = target.ids;
  let n = 0;
  const stamp = Date.now().toString(36);
  const fill = (text) =>
    text
      .replaceAll('{id}', () => String(low + Math.floor(Math.random() * (high - low + 1))))
      .replaceAll('{term}', () => target.terms[Math.floor(Math.random() * target.terms.length)])
      .replaceAll('{n}', () => `${stamp}-${++n}`);
  const latencies = [];
  let failures = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: target.base,
        connections: Number(values.connections),
        duration: seconds,
        headers: { ...target.headers, ...operation.headers },
        requests: [
          {
            method: operation.method,
            setupRequest: (request) => ({ ...request, path: fill(operation.path), ...(operation.body ? { body: fill(operation.body) } : {}) }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        latencies.sort((a, b) => a - b);
        const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
        resolve({ rate: latencies.length / (result.duration || seconds), p50: at(0.5), p95: at(0.95), p99: at(0.99), failures: failures + result.errors + result.timeouts });
      },
    );
    instance.on('response', (_client, status, _bytes, time) => {
      latencies.push(time);
      if (status < 200 || status >= 300) failures++;
    });
  });
}

const NAMES = {
  get: 'get a customer with its group and addresses',
  list: 'list customers whose name contains a term (10 rows, total)',
  create: 'create a customer',
};

async function main() {
  const file = values.config ? JSON.parse(readFileSync(values.config, 'utf8')) : undefined;
  const base = values.base ?? file?.base ?? 'http://127.0.0.1:3000';
  const target = file ? { terms: TERMS, ...file, base, ids: values.ids ? idRange(values.ids) : file.ids } : await ownProduct(base);
  if (values.ids) target.ids = idRange(values.ids);
  if (!Array.isArray(target.ids) || target.ids.some((id) => !Number.isSafeInteger(id))) throw new Error('No ids to read: give --ids 1-20000.');
  const seconds = Number(values.seconds);
  console.log(`${base}: ${values.connections} connections, ${seconds} s per operation after ${values.warmup} s of warm-up, ids ${target.ids.join('-')}`);
  console.log('| operation | req/s | p50 ms | p95 ms | p99 ms | failed |');
  console.log('|---|---|---|---|---|---|');
  for (const name of values.only.split(',')) {
    const operation = target.operations[name];
    if (!operation) throw new Error(`Unknown operation "${name}": get, list or create.`);
    if (Number(values.warmup) > 0) await load(target, operation, Number(values.warmup));
    const r = await load(target, operation, seconds);
    console.log(`| ${NAMES[name] ?? name} | ${r.rate.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.failures} |`);
  }
}

main().catch((error) => {
  console.error(error.message);
  process.exit(1);
});
