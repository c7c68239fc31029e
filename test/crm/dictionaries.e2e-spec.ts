import { DICTIONARIES, DictionaryType } from '../../libs/crm/dictionaries/dictionaries';
import { crmManifest } from '../../libs/crm';
import { useCrmApp } from './use-crm-app';

describe('CRM dictionaries', () => {
  const { get, post } = useCrmApp();
  const types = Object.keys(DICTIONARIES) as DictionaryType[];

  it.each(types)('%s lists the options of the relationship that points to it, in order', async (type) => {
    const { status, json } = await get(`/admin/api/${type}?sort=priority`);
    expect(status).toBe(200);
    const [resourceType, field] = DICTIONARIES[type].field.split('.');
    const relationship = crmManifest.resources.find((r) => r.type === resourceType)!.relationships![field];
    expect(relationship).toMatchObject({ type, cardinality: 'one' });
    expect(json.data.map((o: { id: string }) => o.id)).toEqual(DICTIONARIES[type].options.map(([id]) => id));
    expect(json.data.map((o: { attributes: { name: string } }) => o.attributes.name)).toEqual(DICTIONARIES[type].options.map(([, name]) => name));
  });

  it('marks the default status and answers single options, unknown ids and writes like any resource', async () => {
    expect((await get('/admin/api/opportunitystatuses/in_progress')).json.data).toMatchObject({
      type: 'opportunitystatuses',
      id: 'in_progress',
      attributes: { name: 'Open', priority: 1, default: true },
    });
    expect((await get('/admin/api/leadstatuses/canceled')).json.data.attributes.name).toBe('Disqualified');
    expect((await get('/admin/api/leadstatuses/nothing')).status).toBe(404);
    // Text ids filter by equality.
    const closed = await get('/admin/api/opportunitystatuses?filter[id]=won,lost&sort=priority');
    expect(closed.json.data.map((o: { id: string }) => o.id)).toEqual(['won', 'lost']);
    expect((await get('/admin/api/opportunitystatuses?filter[id][neq]=won')).json.data).toHaveLength(6);
    const ranged = await get('/admin/api/opportunitystatuses?filter[id][gt]=won');
    expect(ranged.status).toBe(400);
    expect(ranged.json.errors[0].source).toEqual({ parameter: 'filter[id][gt]' });
    expect((await get("/admin/api/opportunitystatuses?filter[id]=a'b")).status).toBe(400);
    expect((await post('contactsources', { name: 'Radio' })).status).toBe(405);
  });
});
