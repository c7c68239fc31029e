/** A JSON:API error document (api.md A.2): `{ errors: [{ status, title, detail, ... }] }`. */
export function jsonApiError(status: number, title: string, detail: string, meta?: Record<string, unknown>) {
  return { errors: [{ status: String(status), title, detail, ...(meta ? { meta } : {}) }] };
}
