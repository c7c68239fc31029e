import type { OpenApiDocument } from '../api/resource-model';
import { fromInput, settingsSections, toInput } from './settings-model';

const section = (summary: string, properties: Record<string, unknown>) => ({
  get: {
    summary,
    responses: {
      '200': { content: { 'application/vnd.api+json': { schema: { properties: { data: { properties: { attributes: { properties } } } } } } } },
    },
  },
});

const probability = { type: 'number', minimum: 0, maximum: 1 };
const progress = { type: 'object', properties: { state: { type: 'string' }, done: { type: 'integer' }, total: { type: 'integer' } } };
const document = {
  components: { schemas: {} },
  paths: {
    '/admin/api/settings': { get: {} },
    '/admin/api/settings/currency': section('Currency.', { baseCurrency: { type: 'string', pattern: '^[A-Z]{3}$' } }),
    '/admin/api/settings/sales': section('Sales.', { probabilities: { type: 'object', properties: { won: probability, lost: probability } } }),
    '/admin/api/settings/integration': section('Integration.', {
      strategy: { type: 'string', enum: ['each', 'root'] },
      owner: { anyOf: [{ type: 'string', pattern: '^\\d+$' }, { type: 'null' }] },
      registrationAllowed: { type: 'boolean' },
      relinking: { anyOf: [progress, { type: 'null' }], readOnly: true, description: 'Read-only progress.' },
    }),
    '/admin/api/accounts': { get: {} },
  },
} as unknown as OpenApiDocument;

describe('settings pages from the OpenAPI document', () => {
  it('finds every section and the kind of each field', () => {
    const sections = settingsSections(document);
    expect(sections.map((s) => [s.name, s.description])).toEqual([
      ['currency', 'Currency.'],
      ['sales', 'Sales.'],
      ['integration', 'Integration.'],
    ]);
    expect(sections[0].fields[0]).toMatchObject({ name: 'baseCurrency', kind: 'text', pattern: '^[A-Z]{3}$', nullable: false });
    expect(sections[1].fields[0]).toMatchObject({ kind: 'numberMap', keys: ['won', 'lost'], minimum: 0, maximum: 1 });
    expect(sections[2].fields.map((f) => [f.name, f.kind, f.nullable, f.readOnly])).toEqual([
      ['strategy', 'enum', false, false],
      ['owner', 'text', true, false],
      ['registrationAllowed', 'boolean', false, false],
      ['relinking', 'progress', true, true],
    ]);
  });

  it('turns inputs into values, checking numbers against their bounds and empty nullable text into null', () => {
    const [, sales, integration] = settingsSections(document);
    const owner = integration.fields[1];
    expect(fromInput(owner, '  ')).toEqual({ value: null });
    expect(fromInput(owner, ' 12 ')).toEqual({ value: '12' });
    const number = { ...sales.fields[0], kind: 'number' as const };
    expect(fromInput(number, '0.25')).toEqual({ value: 0.25 });
    expect(fromInput(number, '1.5')).toEqual({ error: 'This value should be 1 or less.' });
    expect(fromInput(number, 'x')).toEqual({ error: 'This value should be a number.' });
    expect(toInput(owner, null)).toBe('');
    expect(toInput({ ...owner, kind: 'json' }, { a: 1 })).toBe('{\n  "a": 1\n}');
  });
});
