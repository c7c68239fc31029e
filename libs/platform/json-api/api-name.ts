/** The two HTTP APIs: back office (`/admin/api`) and storefront (`/api`). */
export type ApiName = 'admin' | 'storefront';

/** Where each API is mounted. */
export const API_PREFIX: Record<ApiName, string> = { admin: '/admin/api', storefront: '/api' };

/** The JSON:API media type, sent and expected without parameters. */
export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';
