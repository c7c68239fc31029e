import { JsonApiClient, JsonApiError, queryString } from './json-api-client';

/** A fetch that records requests and answers from a queue. */
function fakeFetch(answers: Array<{ status: number; body?: unknown; headers?: Record<string, string> }>) {
  const requests: Array<{ url: string; init: RequestInit }> = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    requests.push({ url, init });
    const answer = answers.shift() ?? { status: 500 };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), { status: answer.status, headers: answer.headers });
  }) as unknown as typeof fetch;
  return { fetcher, requests };
}

describe('the console’s JSON:API client', () => {
  it('builds Oro query strings: filters, sort, paging, include, sparse fields, title', () => {
    expect(
      queryString({
        filters: [
          { field: 'name', op: 'contains', value: 'a&b' },
          { field: 'amount', op: 'between', value: ['1', '5'] },
        ],
        sort: ['-createdAt', 'name'],
        page: { number: 2, size: 25 },
        include: ['account', 'owner'],
        fields: { accounts: ['name'] },
        title: true,
      }),
    ).toBe(
      'filter[name][contains]=a%26b&filter[amount]=1..5&sort=-createdAt%2Cname&page[number]=2&page[size]=25&include=account%2Cowner&fields[accounts]=name&meta=title',
    );
    expect(queryString({})).toBe('');
  });

  it('lists with the total count header and the bearer token, and tells whether a next page exists', async () => {
    const { fetcher, requests } = fakeFetch([
      { status: 200, body: { data: [{ type: 'accounts', id: '1' }], included: [{ type: 'users', id: '4' }], links: { self: 's', next: 'n' } }, headers: { 'X-Include-Total-Count': '31' } },
    ]);
    const client = new JsonApiClient({ baseUrl: '/admin/api', accessToken: () => 'tok', fetch: fetcher });
    const result = await client.list('accounts', { page: { number: 1, size: 10 } });
    expect(result).toEqual({ data: [{ type: 'accounts', id: '1' }], included: [{ type: 'users', id: '4' }], total: 31, hasNext: true });
    expect(requests[0].url).toBe('/admin/api/accounts?page[number]=1&page[size]=10');
    expect(requests[0].init.headers).toMatchObject({ Accept: 'application/vnd.api+json', Authorization: 'Bearer tok', 'X-Include': 'totalCount' });
  });

  it('sends documents with the JSON:API media type', async () => {
    const { fetcher, requests } = fakeFetch([{ status: 201, body: { data: { type: 'accounts', id: '9', attributes: { name: 'Acme' } } } }]);
    const client = new JsonApiClient({ baseUrl: '/admin/api', accessToken: () => 'tok', fetch: fetcher });
    const created = await client.create({ type: 'accounts', attributes: { name: 'Acme' } });
    expect(created.id).toBe('9');
    expect(requests[0].init).toMatchObject({ method: 'POST', body: JSON.stringify({ data: { type: 'accounts', attributes: { name: 'Acme' } } }) });
    expect(requests[0].init.headers).toMatchObject({ 'Content-Type': 'application/vnd.api+json' });
  });

  it('reads and sends documents on routes that are not resource collections (reports, settings, retries)', async () => {
    const { fetcher, requests } = fakeFetch([
      { status: 200, body: { data: { type: 'accountoverviews', id: '3' } } },
      { status: 200, body: { data: { type: 'settings', id: 'currency' } } },
      { status: 400, body: { errors: [{ status: '400', title: 'form constraint', detail: 'Bad.' }] } },
    ]);
    const client = new JsonApiClient({ baseUrl: '/admin/api', accessToken: () => 'tok', fetch: fetcher });
    expect(await client.read('/accounts/3/overview')).toEqual({ data: { type: 'accountoverviews', id: '3' } });
    expect(await client.send('PATCH', '/settings/currency', { data: { type: 'settings', id: 'currency' } })).toEqual({ data: { type: 'settings', id: 'currency' } });
    expect(requests.map((r) => [r.url, r.init.method])).toEqual([
      ['/admin/api/accounts/3/overview', 'GET'],
      ['/admin/api/settings/currency', 'PATCH'],
    ]);
    await expect(client.send('POST', '/deadletters/1/retry')).rejects.toMatchObject({ status: 400, message: 'Bad.' });
    expect(requests[2].init.headers).not.toHaveProperty('Content-Type');
  });

  it('turns an error document into a JsonApiError with its errors', async () => {
    const errors = [{ status: '400', title: 'not blank constraint', detail: 'This value should not be blank.', source: { pointer: '/data/attributes/name' } }];
    const { fetcher } = fakeFetch([{ status: 400, body: { errors } }]);
    const client = new JsonApiClient({ baseUrl: '/admin/api', accessToken: () => 'tok', fetch: fetcher });
    const failure = await client.update({ type: 'accounts', id: '1', attributes: { name: '' } }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(JsonApiError);
    expect(failure).toMatchObject({ status: 400, errors, message: 'This value should not be blank.' });
  });

  it('describes an answer that is no error document', async () => {
    const { fetcher } = fakeFetch([{ status: 502 }]);
    const client = new JsonApiClient({ baseUrl: '/admin/api', accessToken: () => null, fetch: fetcher });
    await expect(client.get('accounts', '1')).rejects.toMatchObject({ status: 502, errors: [{ status: '502', title: 'http error' }] });
  });

  it('renews the access token once on a 401 and retries', async () => {
    const { fetcher, requests } = fakeFetch([{ status: 401, body: { errors: [{ status: '401', title: 'authentication' }] } }, { status: 204 }]);
    let token = 'old';
    const renewAccess = jest.fn(async () => {
      token = 'new';
      return true;
    });
    const client = new JsonApiClient({ baseUrl: '/admin/api', accessToken: () => token, renewAccess, fetch: fetcher });
    await client.remove('accounts', '5');
    expect(renewAccess).toHaveBeenCalledTimes(1);
    expect(requests.map((r) => (r.init.headers as Record<string, string>).Authorization)).toEqual(['Bearer old', 'Bearer new']);
  });

  it('deletes several records by id in one request and reads the deleted count', async () => {
    const { fetcher, requests } = fakeFetch([{ status: 204, headers: { 'X-Include-Deleted-Count': '2' } }]);
    const client = new JsonApiClient({ baseUrl: '/admin/api', accessToken: () => 'tok', fetch: fetcher });
    expect(await client.removeMany('contacts', ['3', '7'])).toBe(2);
    expect(requests[0]).toMatchObject({ url: '/admin/api/contacts?filter[id]=3%2C7', init: { method: 'DELETE' } });
  });

  it('downloads a file with the bearer token and the server’s file name', async () => {
    const fetcher = (async () =>
      new Response('\uFEFFName\nA\n', { status: 200, headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="accounts.csv"' } })) as unknown as typeof fetch;
    const requests: RequestInit[] = [];
    const client = new JsonApiClient({ baseUrl: '/admin/api', accessToken: () => 'tok', fetch: ((url: string, init: RequestInit) => (requests.push(init), fetcher(url, init))) as typeof fetch });
    const { blob, fileName } = await client.download('/exports/accounts');
    expect([fileName, (await blob.text()).replace(/^\uFEFF/, '')]).toEqual(['accounts.csv', 'Name\nA\n']);
    expect(requests[0].headers).toMatchObject({ Accept: 'text/csv', Authorization: 'Bearer tok' });
  });

  it('uploads a form as is (the browser sets the multipart boundary) and reads a refusal as an error document', async () => {
    const { fetcher, requests } = fakeFetch([
      { status: 202, body: { data: { type: 'asyncoperations', id: '9' } } },
      { status: 400, body: { errors: [{ status: '400', title: 'request data constraint', detail: 'The file is empty.' }] } },
    ]);
    const client = new JsonApiClient({ baseUrl: '/admin/api', accessToken: () => 'tok', fetch: fetcher });
    const form = new FormData();
    form.append('type', 'customers');
    expect(await client.upload('/imports', form)).toEqual({ data: { type: 'asyncoperations', id: '9' } });
    expect(requests[0].init.body).toBe(form);
    expect(requests[0].init.headers).not.toHaveProperty('Content-Type');
    await expect(client.upload('/imports', form)).rejects.toMatchObject({ status: 400, message: 'The file is empty.' });
  });
});
