import type { components } from './generated/openapi';
import { filtersToParameters, type FilterClause } from './filters';

export const JSON_API = 'application/vnd.api+json';

export type JsonApiErrorObject = components['schemas']['error'];
export interface Identifier {
  type: string;
  id: string;
}
export interface ResourceObject {
  type: string;
  id: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<string, { data?: Identifier | Identifier[] | null }>;
  meta?: { title?: string } & Record<string, unknown>;
}
export interface WriteResource {
  type: string;
  id?: string;
  attributes?: Record<string, unknown>;
  relationships?: Record<string, { data: Identifier | Identifier[] | null }>;
}

/** A refused request: the status and the server's error document (or one made up for a network failure). */
export class JsonApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: JsonApiErrorObject[],
  ) {
    super(errors.map((e) => e.detail ?? e.title).join(' ') || `HTTP ${status}`);
  }
}

export interface ListQuery {
  filters?: readonly FilterClause[];
  /** Field names, `-` in front for descending. */
  sort?: readonly string[];
  page?: { number: number; size: number };
  include?: readonly string[];
  fields?: Record<string, readonly string[]>;
  /** Ask for `meta.title` of each record. */
  title?: boolean;
}

export interface ListResult {
  data: ResourceObject[];
  included: ResourceObject[];
  /** From `X-Include-Total-Count`. */
  total: number | null;
  hasNext: boolean;
}

export interface ClientOptions {
  /** `/admin/api` */
  baseUrl: string;
  /** The current access token (null when signed out). */
  accessToken: () => string | null;
  /** Called once on a 401; resolves true when a new access token is there to retry with. */
  renewAccess?: () => Promise<boolean>;
  fetch?: typeof fetch;
}

/** The query string of a list or single read (parameters in a stable order, so URLs compare and cache well). */
export function queryString(query: ListQuery): string {
  const parameters: Array<[string, string]> = [...filtersToParameters(query.filters ?? [])];
  if (query.sort?.length) parameters.push(['sort', query.sort.join(',')]);
  if (query.page) parameters.push(['page[number]', String(query.page.number)], ['page[size]', String(query.page.size)]);
  if (query.include?.length) parameters.push(['include', query.include.join(',')]);
  for (const [type, names] of Object.entries(query.fields ?? {})) parameters.push([`fields[${type}]`, names.join(',')]);
  if (query.title) parameters.push(['meta', 'title']);
  // Brackets stay readable; values are encoded.
  return parameters.map(([name, value]) => `${encodeURIComponent(name).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${encodeURIComponent(value)}`).join('&');
}

/** A small JSON:API client for our back-office API: Oro's filters, total counts, includes, sparse fields, errors. */
export class JsonApiClient {
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: ClientOptions) {
    this.fetcher = options.fetch ?? ((...args) => globalThis.fetch(...args));
  }

  async list(type: string, query: ListQuery = {}): Promise<ListResult> {
    const qs = queryString(query);
    const response = await this.request('GET', `/${type}${qs ? `?${qs}` : ''}`, undefined, { 'X-Include': 'totalCount' });
    const body = (await response.json()) as { data: ResourceObject[]; included?: ResourceObject[]; links?: { next?: string | null } };
    const total = response.headers.get('X-Include-Total-Count');
    return { data: body.data, included: body.included ?? [], total: total === null ? null : Number(total), hasNext: Boolean(body.links?.next) };
  }

  async get(type: string, id: string, query: Pick<ListQuery, 'include' | 'fields' | 'title'> = {}): Promise<{ data: ResourceObject; included: ResourceObject[] }> {
    const qs = queryString(query);
    const response = await this.request('GET', `/${type}/${encodeURIComponent(id)}${qs ? `?${qs}` : ''}`);
    const body = (await response.json()) as { data: ResourceObject; included?: ResourceObject[] };
    return { data: body.data, included: body.included ?? [] };
  }

  async create(resource: WriteResource): Promise<ResourceObject> {
    const response = await this.request('POST', `/${resource.type}`, { data: resource });
    return ((await response.json()) as { data: ResourceObject }).data;
  }

  async update(resource: WriteResource & { id: string }): Promise<ResourceObject> {
    const response = await this.request('PATCH', `/${resource.type}/${encodeURIComponent(resource.id)}`, { data: resource });
    return ((await response.json()) as { data: ResourceObject }).data;
  }

  async remove(type: string, id: string): Promise<void> {
    await this.request('DELETE', `/${type}/${encodeURIComponent(id)}`);
  }

  /** Deletes records by id in one request (all or nothing); answers how many the server deleted. */
  async removeMany(type: string, ids: readonly string[]): Promise<number> {
    const qs = queryString({ filters: [{ field: 'id', op: 'eq', value: [...ids] }] });
    const response = await this.request('DELETE', `/${type}?${qs}`, undefined, { 'X-Include': 'deletedCount' });
    return Number(response.headers.get('X-Include-Deleted-Count') ?? ids.length);
  }

  /** A document that is not a resource collection (a module's report such as an account overview, a settings section). */
  async read<T>(path: string): Promise<T> {
    const response = await this.request('GET', path);
    return (await response.json()) as T;
  }

  /** Sends a document (or nothing) to a route that is not a resource write (a settings section, a retry); answers the body. */
  async send<T>(method: 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
    const response = await this.request(method, path, body);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** A file the API answers (a CSV export or template), read with the bearer token, which a plain link cannot send. */
  async download(path: string): Promise<{ blob: Blob; fileName: string | null }> {
    const response = await this.request('GET', path, undefined, { Accept: 'text/csv' });
    return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) };
  }

  /** Sends a multipart form (a file upload); answers the JSON:API document. */
  async upload<T>(path: string, form: FormData): Promise<T> {
    const response = await this.request('POST', path, form);
    return (await response.json()) as T;
  }

  private async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}, retried = false): Promise<Response> {
    const token = this.options.accessToken();
    // A form goes as is: the browser writes its multipart boundary into the content type.
    const isForm = typeof FormData !== 'undefined' && body instanceof FormData;
    let response: Response;
    try {
      response = await this.fetcher(`${this.options.baseUrl}${path}`, {
        method,
        headers: {
          Accept: JSON_API,
          ...(body === undefined || isForm ? {} : { 'Content-Type': JSON_API }),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      });
    } catch {
      throw new JsonApiError(0, [{ status: '0', title: 'network error', detail: 'The server could not be reached.' }]);
    }
    if (response.status === 401 && !retried && this.options.renewAccess && (await this.options.renewAccess())) {
      return this.request(method, path, body, headers, true);
    }
    if (!response.ok) throw new JsonApiError(response.status, await errorsOf(response));
    return response;
  }
}

/** The file name of `Content-Disposition: attachment; filename="…"`. */
export function fileNameOf(disposition: string | null): string | null {
  return disposition ? (/filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null) : null;
}

async function errorsOf(response: Response): Promise<JsonApiErrorObject[]> {
  try {
    const body = (await response.json()) as { errors?: JsonApiErrorObject[] };
    if (Array.isArray(body.errors) && body.errors.length > 0) return body.errors;
  } catch {
    // Not a JSON:API document (a proxy's page, say): described below.
  }
  return [{ status: String(response.status), title: 'http error', detail: `The server answered ${response.status} ${response.statusText}.` }];
}

/** The related records of a document by `type:id`. */
export function indexIncluded(included: readonly ResourceObject[]): Map<string, ResourceObject> {
  return new Map(included.map((r) => [`${r.type}:${r.id}`, r]));
}
