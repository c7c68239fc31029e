import type { ResourceObject } from '../api/json-api-client';
import { api } from '../app/services';

/** One opportunity as the overview lists it (open ones only). */
export interface OverviewOpportunity {
  id: string;
  name: string;
  status: string;
  budgetAmount: string | null;
  budgetCurrency: string | null;
  closeDate: string | null;
}

/** A commerce customer of the account, with its users, latest orders and open opportunities. */
export interface OverviewCustomer {
  id: string;
  name: string;
  lifetimeSalesValue: string;
  lifetimePaidOrderCount: number;
  subtreeLifetimeSalesValue: string;
  /** Absent when the caller may not view customer users (or orders, or opportunities). */
  users?: Array<{ id: string; email: string; firstName: string; lastName: string; enabled: boolean }>;
  recentOrders?: Array<{ id: string; identifier: string; currency: string; total: string; paymentStatus: string | null; internalStatus: string; createdAt: string }>;
  openOpportunities?: OverviewOpportunity[];
}

/** The account's 360° view, as `GET /admin/api/accounts/{id}/overview` serves it (integration module). */
export interface AccountOverview {
  id: string;
  name: string;
  lifetimeValue: string;
  lifetimePaidOrderCount: number;
  channels: Array<{ channelId: string | null; amount: string }>;
  openOpportunities?: OverviewOpportunity[];
  customers: OverviewCustomer[];
  /** How many customers the account has that the caller may see (more than `customers` holds on a big account). */
  customerCount: number;
}

export const OVERVIEW_PATH = '/admin/api/accounts/{id}/overview';
/** Oro's opportunity statuses that are not closed (won and lost are). */
export const OPEN_OPPORTUNITY_STATUSES = ['in_progress', 'identification_alignment', 'needs_analysis', 'solution_development', 'negotiation'];
const SHOWN = 20;

interface OverviewDocument {
  data: { id: string; attributes: Omit<AccountOverview, 'id' | 'customerCount'> };
  meta?: { customerCount?: number };
}

/** The overview in one request when the integration serves it. */
export async function readAccountOverview(id: string): Promise<AccountOverview> {
  const document = await api.read<OverviewDocument>(`/accounts/${encodeURIComponent(id)}/overview`);
  const { attributes } = document.data;
  return { id: document.data.id, ...attributes, customerCount: document.meta?.customerCount ?? attributes.customers.length };
}

/** A CRM-only deployment has no overview route: the same header and opportunities from what CRM serves, no customers. */
export async function readCrmAccountOverview(id: string): Promise<AccountOverview> {
  const [account, values, opportunities] = await Promise.all([
    api.get('accounts', id, { fields: { accounts: ['name', 'lifetimeValue', 'lifetimePaidOrderCount'] } }),
    api.list('lifetimevalues', { filters: [{ field: 'account', op: 'eq', value: [id] }], page: { number: 1, size: 100 } }),
    api.list('opportunities', {
      filters: [
        { field: 'account', op: 'eq', value: [id] },
        { field: 'status', op: 'eq', value: OPEN_OPPORTUNITY_STATUSES },
      ],
      page: { number: 1, size: SHOWN },
      sort: ['-createdAt'],
    }),
  ]);
  const attributes = account.data.attributes ?? {};
  return {
    id,
    name: String(attributes.name ?? ''),
    lifetimeValue: String(attributes.lifetimeValue ?? '0'),
    lifetimePaidOrderCount: Number(attributes.lifetimePaidOrderCount ?? 0),
    channels: values.data.map((value) => ({ channelId: linkedId(value, 'channel'), amount: String(value.attributes?.amount ?? '0') })),
    openOpportunities: opportunities.data.map((o) => ({
      id: o.id,
      name: String(o.attributes?.name ?? ''),
      status: linkedId(o, 'status') ?? '',
      budgetAmount: (o.attributes?.budgetAmountValue as string | null | undefined) ?? null,
      budgetCurrency: (o.attributes?.budgetAmountCurrency as string | null | undefined) ?? null,
      closeDate: (o.attributes?.closeDate as string | null | undefined) ?? null,
    })),
    customers: [],
    customerCount: 0,
  };
}

function linkedId(record: ResourceObject, relationship: string): string | null {
  const data = record.relationships?.[relationship]?.data;
  return data && !Array.isArray(data) ? data.id : null;
}
