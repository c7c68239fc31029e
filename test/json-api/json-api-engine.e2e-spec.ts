import { TransactionRunner } from '../../libs/platform';
import { TestApp, createTestApp } from '../harness/create-test-app';
import { HeaderCallerResolver } from '../harness/test-callers';
import { probeManifest } from '../fixtures/probe/probe.manifest';
import { JSON_API, call, ids } from './json-api-helpers';

/**
 * Conformance of the shared JSON:API engine (api.md A.1–A.2), on the probe module's test resources.
 * Organization 1: people 1-2, tags 1-3, widgets 1-12; organization 2: person 3, tag 4, widget 13.
 */
describe('JSON:API engine', () => {
  let t: TestApp;
  const sql = (q: string, p?: unknown[]) => t.get(TransactionRunner).manager.query(q, p);

  beforeAll(async () => {
    t = await createTestApp({ modules: [], extraModules: [probeManifest], callerResolver: new HeaderCallerResolver() });
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await sql(`TRUNCATE probe.widget_tag, probe.widget, probe.tag, probe.person RESTART IDENTITY CASCADE`);
    await sql(`INSERT INTO probe.person (organization_id, name, email) VALUES (1, 'Ann', 'ann@example.com'), (1, 'Bob', NULL), (2, 'Eve', 'eve@example.com')`);
    await sql(`INSERT INTO probe.tag (organization_id, label) VALUES (1, 'red'), (1, 'green'), (1, 'blue'), (2, 'secret')`);
    await sql(`
      INSERT INTO probe.widget (organization_id, name, price, quantity, active, status, owner_id, owner_user_id, created_at, released_on)
      SELECT 1, 'Widget ' || lpad(i::text, 2, '0'), (i * 10.5)::numeric, i % 4, i % 2 = 0,
             (ARRAY['new','open','closed'])[1 + i % 3], CASE WHEN i <= 6 THEN 1 ELSE 2 END, CASE WHEN i <= 6 THEN 1 ELSE 2 END,
             timestamptz '2024-01-01 00:00:00Z' + make_interval(days => i), date '2024-02-01' + i
      FROM generate_series(1, 12) i`);
    await sql(`INSERT INTO probe.widget (organization_id, name, owner_id) VALUES (2, 'Foreign widget', 3)`);
    await sql(`UPDATE probe.widget SET parent_id = 1 WHERE id IN (2, 3)`);
    await sql(`INSERT INTO probe.widget_tag VALUES (1, 1), (1, 2), (2, 2), (3, 3)`);
  });

  describe('reading lists', () => {
    it('pages by 10 in id order with next/prev/first links and no last link', async () => {
      const first = await call(t, 'GET', '/admin/api/widgets');
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toBe(JSON_API);
      expect(ids(first.json)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
      expect(first.json.links).toEqual({ self: '/admin/api/widgets', next: '/admin/api/widgets?page%5Bnumber%5D=2' });
      const second = await call(t, 'GET', '/admin/api/widgets?page[number]=2');
      expect(ids(second.json)).toEqual(['11', '12']);
      expect(second.json.links).toEqual({
        self: '/admin/api/widgets?page%5Bnumber%5D=2',
        first: '/admin/api/widgets',
        prev: '/admin/api/widgets',
      });
      const all = await call(t, 'GET', '/admin/api/widgets?page[size]=-1');
      expect(all.json.data).toHaveLength(12);
      expect(all.json.links.next).toBeUndefined();
    });

    it('serializes attributes: decimals as strings, ISO timestamps, nulls present, relationships as identifiers', async () => {
      const { json } = await call(t, 'GET', '/admin/api/widgets/2');
      expect(json.data).toEqual({
        type: 'widgets',
        id: '2',
        attributes: {
          name: 'Widget 02',
          description: null,
          price: '21.0000',
          quantity: 2,
          active: true,
          status: 'closed',
          releasedOn: '2024-02-03',
          settings: null,
          createdAt: '2024-01-03T00:00:00Z',
          updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
        },
        relationships: {
          owner: { data: { type: 'people', id: '1' } },
          owningUser: { data: { type: 'users', id: '1' } },
          parent: { data: { type: 'widgets', id: '1' } },
          children: { data: [] },
          tags: { data: [{ type: 'tags', id: '2' }] },
        },
        links: { self: '/admin/api/widgets/2' },
      });
    });

    it.each([
      ['filter[id]=3', ['3']],
      ['filter[id]=3,5', ['3', '5']],
      ['filter[id]=3..5', ['3', '4', '5']],
      ['filter[id][neq]=1..10', ['11', '12']],
      ['filter[id]!=1..10', ['11', '12']],
      ['filter[price][gte]=100', ['10', '11', '12']],
      ['filter[price]>=100', ['10', '11', '12']],
      ['filter[price]<21', ['1']],
      ['filter[price][lte]=21', ['1', '2']],
      ['filter[quantity]=0', ['4', '8', '12']],
      ['filter[active]=true&filter[id]<5', ['2', '4']],
      ['filter[status]=closed', ['2', '5', '8', '11']],
      ['filter[name][contains]=widget 1', ['10', '11', '12']],
      ['filter[name]~IDGET 0', ['1', '2', '3', '4', '5', '6', '7', '8', '9']],
      ['filter[name][starts_with]=Widget 1', ['10', '11', '12']],
      ['filter[name]$2', ['2', '12']],
      ['filter[name][not_contains]=0', ['11', '12']],
      ['filter[owner]=2&filter[id]<9', ['7', '8']],
      ['filter[parent]*', ['2', '3']],
      ['filter[parent][exists]=true', ['2', '3']],
      ['filter[parent][exists]=false&filter[id]<=3', ['1']],
      ['filter[tags]=2,3', ['1', '2', '3']],
      ['filter[createdAt][gte]=2024-01-12T00:00:00Z', ['11', '12']],
      ['filter[releasedOn][lt]=2024-02-03', ['1']],
      ['filter%5Bid%5D%3E11', ['12']],
    ])('filters %s', async (query, expected) => {
      const { status, json } = await call(t, 'GET', `/admin/api/widgets?${query}&page[size]=-1`);
      expect(status).toBe(200);
      expect(ids(json)).toEqual(expected);
    });

    it('sorts by several fields, descending with a minus', async () => {
      const { json } = await call(t, 'GET', '/admin/api/widgets?sort=quantity,-price&page[size]=5');
      expect(ids(json)).toEqual(['12', '8', '4', '9', '5']);
    });

    it('counts with X-Include: totalCount, in a header only', async () => {
      const { headers, json } = await call(t, 'GET', '/admin/api/widgets?filter[owner]=1&page[size]=2', { headers: { 'x-include': 'totalCount' } });
      expect(headers['x-include-total-count']).toBe('6');
      expect(json.meta).toBeUndefined();
    });

    it('includes related records (nested, deduplicated) and honours sparse fieldsets', async () => {
      const { json } = await call(t, 'GET', '/admin/api/widgets?filter[id]=2,3&include=parent.owner,tags&fields[widgets]=name,parent,tags&fields[people]=name');
      expect(json.data[0]).toEqual({
        type: 'widgets',
        id: '2',
        attributes: { name: 'Widget 02' },
        relationships: { parent: { data: { type: 'widgets', id: '1' } }, tags: { data: [{ type: 'tags', id: '2' }] } },
        links: { self: '/admin/api/widgets/2' },
      });
      const included = json.included.map((r: { type: string; id: string }) => `${r.type}:${r.id}`).sort();
      expect(included).toEqual(['people:1', 'tags:2', 'tags:3', 'widgets:1']);
      expect(json.included.find((r: { type: string }) => r.type === 'people').attributes).toEqual({ name: 'Ann' });
    });

    it('adds meta.title on request', async () => {
      const { json } = await call(t, 'GET', '/admin/api/widgets/5?meta=title');
      expect(json.data.meta).toEqual({ title: 'Widget 05' });
    });
  });

  describe('query errors are 400 with source.parameter', () => {
    it.each([
      ['filter[unknown]=1', 'filter constraint', 'filter[unknown]'],
      ['filter[description]=x', 'filter constraint', 'filter[description]'],
      ['filter[price][contains]=1', 'filter constraint', 'filter[price][contains]'],
      ['filter[id]=abc', 'unexpected value exception', 'filter[id]'],
      ['filter[createdAt][gt]=yesterday', 'unexpected value exception', 'filter[createdAt][gt]'],
      ['filter[status]=lost', 'unexpected value exception', 'filter[status]'],
      ['page[size]=-2', 'value constraint', 'page[size]'],
      ['page[number]=0', 'value constraint', 'page[number]'],
      ['page[number]=x', 'unexpected value exception', 'page[number]'],
      ['sort=settings', 'sort constraint', 'sort'],
      ['include=owner.pets', 'value constraint', 'include'],
      ['fields[widgets]=nope', 'value constraint', 'fields[widgets]'],
      ['meta=everything', 'value constraint', 'meta'],
      // PostgreSQL's text cannot hold U+0000: refused here, never a database error.
      ['filter[name]=%00', 'unexpected value exception', 'filter[name]'],
      ['filter[name][contains]=a%00', 'unexpected value exception', 'filter[name][contains]'],
      // Days that do not exist, and PostgreSQL's missing year 0.
      ['filter[releasedOn]=2026-02-30', 'unexpected value exception', 'filter[releasedOn]'],
      ['filter[releasedOn]=0000-01-01', 'unexpected value exception', 'filter[releasedOn]'],
      ['filter[createdAt][gt]=0001-01-01T00:00:00%2B01:00', 'unexpected value exception', 'filter[createdAt][gt]'],
    ])('%s', async (query, title, parameter) => {
      const { status, json, headers } = await call(t, 'GET', `/admin/api/widgets?${query}`);
      expect(status).toBe(400);
      expect(headers['content-type']).toBe(JSON_API);
      expect(json.errors[0]).toMatchObject({ status: '400', title, source: { parameter } });
      expect(typeof json.errors[0].detail).toBe('string');
    });
  });

  describe('single records and visibility', () => {
    it('is 404 for an unknown id, a malformed id and another organization’s record', async () => {
      for (const url of ['/admin/api/widgets/999', '/admin/api/widgets/abc', '/admin/api/widgets/13']) {
        const { status, json } = await call(t, 'GET', url);
        expect(status).toBe(404);
        expect(json.errors[0]).toMatchObject({ status: '404', title: 'not found http exception' });
      }
    });

    it('never lists, includes or links another organization’s records', async () => {
      const other = await call(t, 'GET', '/admin/api/widgets?page[size]=-1&include=owner', { as: { organization: '2' } });
      expect(ids(other.json)).toEqual(['13']);
      expect(other.json.included.map((r: { id: string }) => r.id)).toEqual(['3']);
      const foreignTag = await call(t, 'POST', '/admin/api/widgets/1/relationships/tags', { body: { data: [{ type: 'tags', id: '4' }] } });
      expect(foreignTag.status).toBe(400);
      expect(foreignTag.json.errors[0]).toMatchObject({ title: 'form constraint', detail: 'The entity does not exist.', source: { pointer: '/data/relationships/tags/data' } });
    });

    it('with the "own" access level sees only the caller’s records', async () => {
      const as = { organization: '1', user: '2', access: { widgets: { VIEW: 'own' } } };
      const { json } = await call(t, 'GET', '/admin/api/widgets?page[size]=-1', { as });
      expect(ids(json)).toEqual(['7', '8', '9', '10', '11', '12']);
      expect((await call(t, 'GET', '/admin/api/widgets/1', { as })).status).toBe(404);
    });

    it('is 403 for an operation the caller has no access to, 404 if it cannot even see the record', async () => {
      expect((await call(t, 'GET', '/admin/api/widgets', { as: { organization: '1', access: { widgets: { VIEW: 'none' } } } })).status).toBe(403);
      const readOnly = { organization: '1', access: { widgets: { EDIT: 'none', DELETE: 'none' } } };
      const patch = await call(t, 'PATCH', '/admin/api/widgets/1', { as: readOnly, body: { data: { type: 'widgets', id: '1', attributes: { name: 'x' } } } });
      expect(patch.status).toBe(403);
      expect(patch.json.errors[0].title).toBe('access denied exception');
      expect((await call(t, 'DELETE', '/admin/api/widgets/13', { as: readOnly })).status).toBe(404);
    });
  });

  describe('writing', () => {
    it.each([
      ['releasedOn', { name: 'ok', releasedOn: '2026-02-30' }, 'The "2026-02-30" is not valid date.'],
      ['releasedOn', { name: 'ok', releasedOn: '0000-01-01' }, 'The "0000-01-01" is not valid date.'],
    ])('refuses a day that does not exist in %s', async (field, attributes, detail) => {
      const { status, json } = await call(t, 'POST', '/admin/api/widgets', { body: { data: { type: 'widgets', attributes } } });
      expect(status).toBe(400);
      expect(json.errors[0]).toMatchObject({ detail, source: { pointer: `/data/attributes/${field}` } });
    });

    it.each([
      ['name', { name: 'Nul\u0000name' }],
      ['settings', { name: 'ok', settings: { 'key\u0000': 1 } }],
      ['settings', { name: 'ok', settings: { list: ['a', 'b\u0000'] } }],
    ])('refuses U+0000 in %s with a pointer, and writes nothing', async (field, attributes) => {
      const { status, json } = await call(t, 'POST', '/admin/api/widgets', { body: { data: { type: 'widgets', attributes } } });
      expect(status).toBe(400);
      expect(json.errors[0]).toMatchObject({ detail: 'This value should not contain the NUL character (U+0000).', source: { pointer: `/data/attributes/${field}` } });
      expect(await sql(`SELECT count(*)::int AS n FROM probe.widget`)).toEqual([{ n: 13 }]);
    });

    it('creates (201), ignores read-only attributes, stamps the organization and the owning user', async () => {
      const { status, json } = await call(t, 'POST', '/admin/api/widgets', {
        as: { organization: '1', user: '2' },
        body: {
          data: {
            type: 'widgets',
            attributes: { name: 'New', price: '12.5', quantity: 3, status: 'open', createdAt: '1999-01-01T00:00:00Z', settings: { a: 1 } },
            relationships: { tags: { data: [{ type: 'tags', id: '1' }, { type: 'tags', id: '3' }] } },
          },
        },
      });
      expect(status).toBe(201);
      expect(json.data).toMatchObject({
        type: 'widgets',
        id: '14',
        attributes: { name: 'New', price: '12.5000', quantity: 3, status: 'open', active: true, settings: { a: 1 } },
        relationships: { owner: { data: null }, tags: { data: [{ type: 'tags', id: '1' }, { type: 'tags', id: '3' }] } },
      });
      expect(json.data.attributes.createdAt).not.toBe('1999-01-01T00:00:00Z');
      expect(await sql(`SELECT organization_id::int AS org, owner_user_id::int AS owner FROM probe.widget WHERE id = 14`)).toEqual([{ org: 1, owner: 2 }]);
    });

    it('reports every validation problem with a pointer, and writes nothing', async () => {
      const { status, json } = await call(t, 'POST', '/admin/api/widgets', {
        body: { data: { type: 'widgets', attributes: { price: 'cheap', status: 'lost', color: 'red', name: 'x'.repeat(101) }, relationships: { owner: { data: { type: 'tags', id: '1' } } } } },
      });
      expect(status).toBe(400);
      expect(json.errors.map((e: { title: string; source: { pointer: string } }) => `${e.title} ${e.source.pointer}`).sort()).toEqual([
        'choice constraint /data/attributes/status',
        'entity type constraint /data/relationships/owner/data',
        'extra fields constraint /data/attributes/color',
        'length constraint /data/attributes/name',
        'type constraint /data/attributes/price',
      ]);
      expect(await sql(`SELECT count(*)::int AS n FROM probe.widget`)).toEqual([{ n: 13 }]);
    });

    it('requires required attributes', async () => {
      const { status, json } = await call(t, 'POST', '/admin/api/widgets', { body: { data: { type: 'widgets', attributes: {} } } });
      expect(status).toBe(400);
      expect(json.errors).toEqual([{ status: '400', title: 'not blank constraint', detail: 'This value should not be blank.', source: { pointer: '/data/attributes/name' } }]);
    });

    it('answers 409 when the body type or id does not match the URL, 400 unique entity constraint on duplicates', async () => {
      expect((await call(t, 'POST', '/admin/api/widgets', { body: { data: { type: 'people', attributes: { name: 'x' } } } })).status).toBe(409);
      expect((await call(t, 'PATCH', '/admin/api/widgets/1', { body: { data: { type: 'widgets', id: '2', attributes: {} } } })).status).toBe(409);
      const duplicate = await call(t, 'POST', '/admin/api/tags', { body: { data: { type: 'tags', attributes: { label: 'red' } } } });
      expect(duplicate.status).toBe(400);
      expect(duplicate.json.errors[0]).toMatchObject({ title: 'unique entity constraint', detail: 'This value is already used.' });
    });

    it('updates only what is sent and refreshes updatedAt', async () => {
      await sql(`UPDATE probe.widget SET updated_at = '2020-01-01Z' WHERE id = 1`);
      const { status, json } = await call(t, 'PATCH', '/admin/api/widgets/1', {
        body: { data: { type: 'widgets', id: '1', attributes: { description: 'Updated', price: null }, relationships: { owner: { data: null } } } },
      });
      expect(status).toBe(200);
      expect(json.data.attributes).toMatchObject({ name: 'Widget 01', description: 'Updated', price: null });
      expect(json.data.attributes.updatedAt).not.toBe('2020-01-01T00:00:00Z');
      expect(json.data.relationships.owner.data).toBeNull();
    });

    it('sends writes to the module command when the resource declares one (business rules, same transaction)', async () => {
      const created = await call(t, 'POST', '/admin/api/tags', { body: { data: { type: 'tags', attributes: { label: '  Yellow ' } } } });
      expect(created.status).toBe(201);
      expect(created.json.data.attributes.label).toBe('yellow');
      const refused = await call(t, 'POST', '/admin/api/tags', { body: { data: { type: 'tags', attributes: { label: 'Forbidden' } } } });
      expect(refused.status).toBe(400);
      expect(refused.json.errors[0]).toEqual({ status: '400', title: 'form constraint', detail: 'This label is reserved.', source: { pointer: '/data/attributes/label' } });
    });

    it('upserts by id or by attribute values; several matches are a conflict', async () => {
      const byId = await call(t, 'POST', '/admin/api/widgets', { body: { data: { type: 'widgets', id: '4', attributes: { name: 'Four' } }, meta: { upsert: true } } });
      expect(byId.status).toBe(200);
      expect(byId.json.data.attributes.name).toBe('Four');
      const byName = await call(t, 'POST', '/admin/api/people', { body: { data: { type: 'people', attributes: { name: 'Bob', email: 'bob@example.com' } }, meta: { upsert: ['name'] } } });
      expect(byName.status).toBe(200);
      expect(byName.json.data).toMatchObject({ id: '2', attributes: { email: 'bob@example.com' } });
      const created = await call(t, 'POST', '/admin/api/people', { body: { data: { type: 'people', attributes: { name: 'Cid' } }, meta: { upsert: ['name'] } } });
      expect(created.status).toBe(201);
      await sql(`INSERT INTO probe.person (organization_id, name) VALUES (1, 'Ann')`);
      expect((await call(t, 'POST', '/admin/api/people', { body: { data: { type: 'people', attributes: { name: 'Ann' } }, meta: { upsert: ['name'] } } })).status).toBe(409);
    });

    it('deletes (204, then 404) and refuses to delete a referenced record with 409', async () => {
      expect((await call(t, 'DELETE', '/admin/api/widgets/12')).status).toBe(204);
      expect((await call(t, 'GET', '/admin/api/widgets/12')).status).toBe(404);
      const referenced = await call(t, 'DELETE', '/admin/api/people/1');
      expect(referenced.status).toBe(409);
      expect(referenced.json.errors[0].detail).toContain('still referenced');
    });

    it('deletes by filter (at least one filter), reporting the count on request', async () => {
      const none = await call(t, 'DELETE', '/admin/api/widgets');
      expect(none.status).toBe(400);
      expect(none.json.errors[0]).toMatchObject({ title: 'filter constraint', detail: 'At least one filter must be provided.' });
      const deleted = await call(t, 'DELETE', '/admin/api/widgets?filter[id]=10..13', { headers: { 'x-include': 'deletedCount' } });
      expect(deleted.status).toBe(204);
      expect(deleted.headers['x-include-deleted-count']).toBe('3'); // widget 13 belongs to organization 2
      expect(await sql(`SELECT count(*)::int AS n FROM probe.widget WHERE id = 13`)).toEqual([{ n: 1 }]);
    });
  });

  describe('synchronous batch (PATCH /{type} with X-Mode: sync)', () => {
    const batch = (body: unknown, headers: Record<string, string> = { 'x-mode': 'sync' }) => call(t, 'PATCH', '/admin/api/widgets', { body, headers });

    it('writes included records first, resolves temporary ids, and answers in request order', async () => {
      const { status, json } = await batch({
        data: [
          { type: 'widgets', id: 'w-new', attributes: { name: 'Batch one' }, relationships: { tags: { data: [{ type: 'tags', id: 't-new' }] } } },
          { type: 'widgets', attributes: { name: 'Batch two' }, relationships: { parent: { data: { type: 'widgets', id: 'w-new' } } } },
          { type: 'widgets', id: '3', attributes: { name: 'Renamed three' }, meta: { update: true } },
        ],
        included: [{ type: 'tags', id: 't-new', attributes: { label: 'fresh' } }],
      });
      expect(status).toBe(200);
      expect(json.data.map((w: { id: string; attributes: { name: string } }) => [w.id, w.attributes.name])).toEqual([
        ['14', 'Batch one'],
        ['15', 'Batch two'],
        ['3', 'Renamed three'],
      ]);
      expect(json.data[0].meta).toEqual({ dataId: 'w-new' });
      expect(json.data[0].relationships.tags.data).toEqual([{ type: 'tags', id: '5' }]);
      expect(json.data[1].relationships.parent.data).toEqual({ type: 'widgets', id: '14' });
      expect(json.included).toEqual([expect.objectContaining({ type: 'tags', id: '5', meta: { includeId: 't-new' } })]);
    });

    it('is all or nothing, pointing at the failing record', async () => {
      const { status, json } = await batch({ data: [{ type: 'widgets', attributes: { name: 'Fine' } }, { type: 'widgets', attributes: { name: '' } }] });
      expect(status).toBe(400);
      expect(json.errors[0].source.pointer).toBe('/data/1/attributes/name');
      expect(await sql(`SELECT count(*)::int AS n FROM probe.widget`)).toEqual([{ n: 13 }]);
    });

    it('keeps to its limits (without X-Mode: sync the batch is asynchronous)', async () => {
      const asynchronous = await batch({ data: [{ type: 'widgets', attributes: { name: 'x' } }] }, {});
      expect(asynchronous.status).toBe(202);
      expect(asynchronous.json.data.type).toBe('asyncoperations');
      await sql(`DELETE FROM platform.async_operation`);
      const storefront = await call(t, 'PATCH', '/api/widgets', { body: { data: [{ type: 'widgets', attributes: { name: 'x' } }] } });
      expect(storefront.json.errors[0]).toMatchObject({ status: '400', title: 'request type constraint' });
      const tooMany = await batch({ data: Array.from({ length: 101 }, () => ({ type: 'widgets', attributes: { name: 'x' } })) });
      expect(tooMany.status).toBe(400);
      expect((await batch({ data: [] })).status).toBe(400);
      expect((await batch({ data: [{ type: 'widgets', id: '13', attributes: { name: 'theirs' }, meta: { update: true } }] })).status).toBe(404);
    });
  });

  describe('relationship routes', () => {
    it('reads related records and identifiers', async () => {
      const owner = await call(t, 'GET', '/admin/api/widgets/2/owner');
      expect(owner.json.data).toMatchObject({ type: 'people', id: '1', attributes: { name: 'Ann' } });
      const children = await call(t, 'GET', '/admin/api/widgets/1/children', { headers: { 'x-include': 'totalCount' } });
      expect(ids(children.json)).toEqual(['2', '3']);
      expect(children.headers['x-include-total-count']).toBe('2');
      const tags = await call(t, 'GET', '/admin/api/widgets/1/relationships/tags');
      expect(tags.json).toEqual({ data: [{ type: 'tags', id: '1' }, { type: 'tags', id: '2' }], links: { self: '/admin/api/widgets/1/relationships/tags' } });
      expect((await call(t, 'GET', '/admin/api/widgets/4/relationships/parent')).json).toEqual({ data: null });
    });

    it('bounds to-many linkage to the first 10 by id, with meta.hasMore and links to the paged rest', async () => {
      // Widget 1 gets children 2-12 (11 of them) and 12 more tags (14 in all).
      await sql(`UPDATE probe.widget SET parent_id = 1 WHERE id BETWEEN 2 AND 12`);
      await sql(`INSERT INTO probe.tag (organization_id, label) SELECT 1, 'tag ' || i FROM generate_series(1, 12) i`);
      await sql(`INSERT INTO probe.widget_tag SELECT 1, id FROM probe.tag WHERE id > 4`);
      const links = (name: string) => ({ self: `/admin/api/widgets/1/relationships/${name}`, related: `/admin/api/widgets/1/${name}` });
      const { json } = await call(t, 'GET', '/admin/api/widgets/1?include=children');
      expect(json.data.relationships.children).toEqual({
        data: ['2', '3', '4', '5', '6', '7', '8', '9', '10', '11'].map((id) => ({ type: 'widgets', id })),
        meta: { hasMore: true },
        links: links('children'),
      });
      expect(json.data.relationships.tags.data.map((tag: { id: string }) => tag.id)).toEqual(['1', '2', '5', '6', '7', '8', '9', '10', '11', '12']);
      expect(json.data.relationships.tags.meta).toEqual({ hasMore: true });
      // Included records are those linked: never more than the bound.
      expect(json.included.map((w: { id: string }) => w.id)).toEqual(['2', '3', '4', '5', '6', '7', '8', '9', '10', '11']);
      // Exactly 10 is not cut.
      await sql(`UPDATE probe.widget SET parent_id = NULL WHERE id = 12`);
      const ten = (await call(t, 'GET', '/admin/api/widgets/1')).json.data.relationships.children;
      expect(ten.data).toHaveLength(10);
      expect(ten.meta).toBeUndefined();
      // The related list pages on from there, with the target's filters and the total count.
      const second = await call(t, 'GET', '/admin/api/widgets/1/tags?page[number]=2', { headers: { 'x-include': 'totalCount' } });
      expect(ids(second.json)).toEqual(['13', '14', '15', '16']);
      expect(second.headers['x-include-total-count']).toBe('14');
      expect(second.json.links).toEqual({
        self: '/admin/api/widgets/1/tags?page%5Bnumber%5D=2',
        first: '/admin/api/widgets/1/tags',
        prev: '/admin/api/widgets/1/tags',
      });
      const filtered = await call(t, 'GET', '/admin/api/widgets/1/children?filter[id]=3,11&sort=-id');
      expect(ids(filtered.json)).toEqual(['11', '3']);
      const identifiers = await call(t, 'GET', '/admin/api/widgets/1/relationships/tags?page[size]=5&page[number]=3');
      expect(identifiers.json.data.map((tag: { id: string }) => tag.id)).toEqual(['13', '14', '15', '16']);
      expect(identifiers.json.links.next).toBeUndefined();
    });

    it('replaces, adds and removes members of a to-many relationship, and sets a to-one', async () => {
      const url = '/admin/api/widgets/1/relationships/tags';
      expect((await call(t, 'PATCH', url, { body: { data: [{ type: 'tags', id: '3' }] } })).status).toBe(204);
      expect((await call(t, 'POST', url, { body: { data: [{ type: 'tags', id: '1' }, { type: 'tags', id: '3' }] } })).status).toBe(204);
      expect((await call(t, 'GET', url)).json.data.map((r: { id: string }) => r.id)).toEqual(['1', '3']);
      expect((await call(t, 'DELETE', url, { body: { data: [{ type: 'tags', id: '3' }] } })).status).toBe(204);
      expect((await call(t, 'GET', url)).json.data.map((r: { id: string }) => r.id)).toEqual(['1']);
      expect((await call(t, 'PATCH', '/admin/api/widgets/5/relationships/parent', { body: { data: { type: 'widgets', id: '4' } } })).status).toBe(204);
      expect((await call(t, 'GET', '/admin/api/widgets/4/children')).json.data.map((r: { id: string }) => r.id)).toEqual(['5']);
    });

    it('answers 405 with Allow on a read-only relationship and an unoffered operation', async () => {
      const readOnly = await call(t, 'PATCH', '/admin/api/widgets/1/relationships/children', { body: { data: [] } });
      expect(readOnly.status).toBe(405);
      expect(readOnly.headers.allow).toBe('OPTIONS, GET');
      const tagUpdate = await call(t, 'PATCH', '/admin/api/tags/1', { body: { data: { type: 'tags', id: '1', attributes: { label: 'x' } } } });
      expect(tagUpdate.status).toBe(405);
      expect(tagUpdate.headers.allow).toBe('OPTIONS, GET, DELETE');
      expect(tagUpdate.json.errors[0].status).toBe('405');
    });
  });

  describe('protocol', () => {
    it('answers OPTIONS without authentication, everything else needs it (401 with WWW-Authenticate)', async () => {
      const options = await call(t, 'OPTIONS', '/admin/api/widgets', { as: null });
      expect(options.status).toBe(200);
      expect(options.headers.allow).toBe('OPTIONS, GET, POST, PATCH, DELETE');
      const anonymous = await call(t, 'GET', '/admin/api/widgets', { as: null });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers['www-authenticate']).toBe('Bearer');
      expect(anonymous.json.errors[0].status).toBe('401');
    });

    it('answers a path segment longer than the router takes with a JSON:API 404, not the framework\'s 414', async () => {
      for (const url of [`/admin/api/widgets/${'9'.repeat(150)}`, `/admin/api/widgets/1/relationships/${'x'.repeat(150)}`]) {
        const response = await call(t, 'GET', url);
        expect(response.status).toBe(404);
        expect(response.headers['content-type']).toBe(JSON_API);
        expect(response.json.errors[0]).toMatchObject({ status: '404' });
      }
    });

    it('negotiates media types: 406 for an unacceptable Accept, 415 for another body type, 400 for broken JSON', async () => {
      expect((await call(t, 'GET', '/admin/api/widgets', { headers: { accept: 'text/html' } })).status).toBe(406);
      expect((await call(t, 'GET', '/admin/api/widgets', { headers: { accept: `${JSON_API}; ext=bulk` } })).status).toBe(406);
      expect((await call(t, 'GET', '/admin/api/widgets', { headers: { accept: '*/*' } })).status).toBe(200);
      const json = await call(t, 'POST', '/admin/api/widgets', { headers: { 'content-type': 'application/json' }, body: { data: { type: 'widgets', attributes: { name: 'x' } } } });
      expect(json.status).toBe(415);
      const broken = await call(t, 'POST', '/admin/api/widgets', { rawBody: '{"data": ' });
      expect(broken.status).toBe(400);
      expect(broken.json.errors[0].title).toBe('request data constraint');
    });

    it('mounts each resource only on its APIs; unknown types are 404 documents', async () => {
      expect((await call(t, 'GET', '/api/widgets')).status).toBe(200);
      for (const url of ['/api/people', '/admin/api/gadgets', '/admin/api/widgets/1/nothing']) {
        const { status, json } = await call(t, 'GET', url);
        expect(status).toBe(404);
        expect(json.errors[0].status).toBe('404');
      }
    });
  });
});
