/** The two HTTP APIs: back office (`/admin/api`) and storefront (`/api`). */
export type ApiName = 'admin' | 'storefront';
