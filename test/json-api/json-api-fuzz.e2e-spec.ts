import fc from 'fast-check';
import { TransactionRunner } from '../../libs/platform';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { HeaderCallerResolver } from '../harness/test-callers';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { JSON_API } from './json-api-helpers';

/** Malformed and hostile requests: never a 5xx, always a well-formed JSON:API error document (targets B1). */
describe('JSON:API engine under random malformed requests', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ modules: [], extraModules: [probeManifest], callerResolver: new HeaderCallerResolver() });
    const sql = (q: string) => t.get(TransactionRunner).manager.query(q);
    await sql(`INSERT INTO probe.person (organization_id, name) VALUES (1, 'Ann')`);
    await sql(`INSERT INTO probe.widget (organization_id, name, owner_id) VALUES (1, 'One', 1), (1, 'Two', 1)`);
  });
  afterAll(() => t.close());

  const hostile = fc.oneof(
    fc.string(),
    fc.constantFrom("' OR 1=1 --", '"; DROP TABLE probe.widget; --', '%00', '%', '%zz', '../../etc/passwd', '\u0000', '😀', '1e309', '-0', '9'.repeat(40)),
    fc.integer().map(String),
    fc.string({ maxLength: 3000 }),
  );
  const field = fc.constantFrom('id', 'name', 'price', 'quantity', 'active', 'status', 'createdAt', 'owner', 'tags', 'children', 'nope', '__proto__', 'constructor');
  const parameter = fc.oneof(
    fc.tuple(field, fc.constantFrom('', '[eq]', '[gt]', '[contains]', '[exists]', '[bogus]', '>', '<=', '~', '!*', '*')).map(([f, op]) => `filter[${f}]${op}`),
    fc.constantFrom('sort', 'include', 'fields[widgets]', 'fields[people]', 'page[number]', 'page[size]', 'meta', 'filter', 'page[x]'),
  );
  const query = fc.array(fc.tuple(parameter, hostile), { maxLength: 5 }).map((pairs) =>
    pairs.map(([k, v]) => `${encodeURIComponent(k).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(v)}`).join('&'),
  );
  const path = fc.constantFrom('/admin/api/widgets', '/admin/api/widgets/1', '/admin/api/widgets/1/owner', '/admin/api/widgets/1/relationships/tags', '/api/widgets', '/admin/api/widgets/abc', '/admin/api/widgets/99999999999999999999');
  const body = fc.oneof(
    fc.string(),
    fc.json(),
    fc.record({ data: fc.anything() }).map((b) => JSON.stringify(b)),
    fc
      .record({ type: fc.constantFrom('widgets', 'people', 'x'), attributes: fc.dictionary(field, fc.jsonValue()), relationships: fc.dictionary(field, fc.jsonValue()) })
      .map((data) => JSON.stringify({ data })),
  );

  it('answers every request with a 2xx/4xx and, for errors, an error document', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE'), path, query, fc.option(body, { nil: undefined }), async (method, url, q, payload) => {
        const response = await t.app.inject({
          method: method as 'GET',
          url: q ? `${url}?${q}` : url,
          headers: { accept: JSON_API, 'x-test-organization': '1', ...(payload !== undefined ? { 'content-type': JSON_API } : {}) },
          payload,
        });
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode >= 400) {
          const document = JSON.parse(response.body);
          expect(Array.isArray(document.errors)).toBe(true);
          for (const error of document.errors) {
            expect(typeof error.status).toBe('string');
            expect(typeof error.title).toBe('string');
            expect(typeof error.detail).toBe('string');
          }
        }
      }),
      // Reproducible in CI; FUZZ_SEED explores other inputs (fast-check prints the seed of a failure).
      { numRuns: 1000, seed: Number(process.env.FUZZ_SEED ?? 20261202) },
    );
  });
});
