import fc from 'fast-check';
import { moduleCatalog } from '../../libs/catalog/module-catalog';
import { Settings, resolveModules } from '../../libs/platform/runtime';
import { useApp } from '../harness/use-app';
import { api } from '../identity/auth-helpers';

/**
 * Target B1 beyond the resources: the modules' report endpoints (search, forecast) and the settings sections under
 * random and hostile parameters and bodies never answer 5xx, and every error is a JSON:API error document.
 */
describe('report endpoints and settings under random malformed requests', () => {
  const { state } = useApp(['crm', 'commerce', 'integration']);
  const endpoints = resolveModules(['crm', 'commerce', 'integration'], moduleCatalog).flatMap((m) => m.endpoints);

  const hostile = fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.jsonValue(),
    fc.constantFrom("' OR 1=1 --", '\u0000', 'a\u0000b', '😀', '1e309', '-1', '0', '9'.repeat(40), '', ' ', 'x'.repeat(10_000), '2026-02-30', '2026-01-01', 'accounts,contacts', 'nope,,'),
  );
  const text = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

  it('answers 2xx/4xx with error documents', async () => {
    const sections = state.t.get(Settings).all();
    const names = ['q', 'types', 'filter[closeDate][gte]', 'filter[closeDate][lte]', 'filter[owner]', 'page[size]', 'page[number]', 'sort', 'nope'];
    const report = fc.tuple(
      fc.constant('GET' as const),
      fc
        .tuple(fc.constantFrom(...endpoints.map((e) => e.path)), fc.oneof(fc.constantFrom('1', '2', '0'), hostile), fc.array(fc.tuple(fc.constantFrom(...names), hostile), { maxLength: 4 }))
        .map(
          ([path, id, pairs]) =>
            `/admin/api/${path.replace(/\{\w+\}/g, encodeURIComponent(text(id)) || '1')}?${pairs.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(text(value))}`).join('&')}`,
        ),
      fc.constant(undefined as unknown),
    );
    const setting = fc.constantFrom(...sections).chain((section) =>
      fc.tuple(
        fc.constant('PATCH' as const),
        fc.constant(`/admin/api/settings/${section.name}`),
        fc.record({
          data: fc.record({
            type: fc.constantFrom('settings', 'settings', 'x'),
            id: fc.constantFrom(section.name, section.name, 'x'),
            attributes: fc.dictionary(fc.constantFrom(...Object.keys(section.fields), 'nope'), hostile, { maxKeys: 3 }),
          }),
        }) as fc.Arbitrary<unknown>,
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(report, setting), async ([method, url, payload]) => {
        const response = await api(state.t, state.admin, method, url, payload);
        if (response.status >= 500) throw new Error(`${method} ${url} ${JSON.stringify(payload)?.slice(0, 300)} → ${response.status} ${response.body}`);
        if (response.status >= 400) {
          expect(Array.isArray(response.json.errors)).toBe(true);
          for (const error of response.json.errors) expect(typeof error.detail).toBe('string');
        }
      }),
      // Reproducible in CI; FUZZ_SEED explores other inputs (fast-check prints the seed of a failure).
      { numRuns: 500, seed: Number(process.env.FUZZ_SEED ?? 20261202) },
    );
  }, 120_000);
});
