import { en } from '../i18n/en';

/**
 * The back-office menu: Oro's combined Customers menu (CRM accounts and contacts beside Commerce customers and their
 * users), Sales, System. An entry shows only when the served OpenAPI document lists its resource, so a CRM-only
 * server shows no Commerce page and the other way round. A new resource gets a grid by being added here.
 */
export const MENU: ReadonlyArray<{ label: string; types: readonly string[] }> = [
  { label: en.menu.customers, types: ['accounts', 'contacts', 'contactgroups', 'customers', 'customerusers', 'customergroups', 'customeruserroles'] },
  { label: en.menu.sales, types: ['leads', 'opportunities', 'b2bcustomers', 'channels'] },
  { label: en.menu.system, types: ['users', 'roles', 'deadletters'] },
];

export function menuFor(served: ReadonlySet<string>) {
  return MENU.map((group) => ({ label: group.label, types: group.types.filter((type) => served.has(type)) })).filter((group) => group.types.length > 0);
}
