/** One JSON:API error object (api.md A.2). */
export interface JsonApiErrorObject {
  status: string;
  title: string;
  detail: string;
  source?: { pointer?: string; parameter?: string };
  meta?: Record<string, unknown>;
}

/** The title of every 503 (readiness included). */
export const SERVICE_UNAVAILABLE_TITLE = 'service unavailable exception';

/** How long a client is asked to wait while the database cannot be reached: a restart or fail-over takes seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * A client-facing failure: its errors become the response's error document. The status is the largest group of the
 * errors, and 409 wins among 4xx (as Oro's ErrorResponseStatusCodeTrait).
 */
export class JsonApiException extends Error {
  readonly status: number;

  constructor(
    readonly errors: JsonApiErrorObject[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => `${e.status} ${e.title}: ${e.detail}`).join('; '));
    this.status = responseStatus(errors);
  }

  static of(status: number, title: string, detail: string, source?: JsonApiErrorObject['source']): JsonApiException {
    return new JsonApiException([{ status: String(status), title, detail, ...(source ? { source } : {}) }]);
  }

  static badRequest(title: string, detail: string, source?: JsonApiErrorObject['source']): JsonApiException {
    return JsonApiException.of(400, title, detail, source);
  }

  static forbidden(detail = 'No access to this operation.', source?: JsonApiErrorObject['source']): JsonApiException {
    return JsonApiException.of(403, 'access denied exception', detail, source);
  }

  static notFound(detail = 'An entity with the requested identifier does not exist.'): JsonApiException {
    return JsonApiException.of(404, 'not found http exception', detail);
  }

  static conflict(detail: string, source?: JsonApiErrorObject['source']): JsonApiException {
    return JsonApiException.of(409, 'conflict constraint', detail, source);
  }

  /** The database (or the service) cannot answer right now; the client may send the same request again later. */
  static serviceUnavailable(detail: string, retryAfterSeconds: number): JsonApiException {
    return new JsonApiException([{ status: '503', title: SERVICE_UNAVAILABLE_TITLE, detail }], { 'retry-after': String(retryAfterSeconds) });
  }

  static methodNotAllowed(allow: string[]): JsonApiException {
    return new JsonApiException(
      [{ status: '405', title: 'method not allowed http exception', detail: `Allowed methods: ${allow.join(', ')}.` }],
      { allow: allow.join(', ') },
    );
  }
}

function responseStatus(errors: JsonApiErrorObject[]): number {
  const statuses = errors.map((e) => Number(e.status));
  if (statuses.some((s) => s >= 500)) return Math.max(...statuses.filter((s) => s >= 500));
  if (statuses.includes(409)) return 409;
  const counts = new Map<number, number>();
  for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 400;
}
