import { indexIncluded, JsonApiError, type ResourceObject } from '../api/json-api-client';
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

/** The first records of a kind and how many the caller may see in all; absent without VIEW on that kind. */
export interface OverviewRecords<T> {
  items: T[];
  total: number;
}

/** The account's 360° view, as `GET /admin/api/accounts/{id}/overview` serves it (integration module). */
export interface AccountOverview {
  id: string;
  name: string;
  lifetimeValue: string;
  lifetimePaidOrderCount: number;
  /** `channelId` null: the account itself (opportunities won on it). */
  channels: Array<{ channelId: string | null; channelName: string | null; amount: string }>;
  contacts?: OverviewRecords<{ id: string; firstName: string | null; lastName: string | null }>;
  businessCustomers?: OverviewRecords<{ id: string; name: string; lifetime: string }>;
  openOpportunities?: OverviewOpportunity[];
  customers: OverviewCustomer[];
  /** How many customers the account has that the caller may see (more than `customers` holds on a big account). */
  customerCount: number;
}

export const OVERVIEW_PATH = '/admin/api/accounts/{id}/overview';
/** Oro's opportunity statuses that are not closed (won and lost are). */
export const OPEN_OPPORTUNITY_STATUSES = ['in_progress', 'identification_alignment', 'needs_analysis', 'solution_development', 'negotiation'];
const SHOWN = 20;
const RECORDS_SHOWN = 10;

type Served<T> = T extends OverviewRecords<infer Item> ? Item[] : never;
interface OverviewDocument {
  data: {
    id: string;
    attributes: Omit<AccountOverview, 'id' | 'customerCount' | 'contacts' | 'businessCustomers'> & {
      contacts?: Served<AccountOverview['contacts']>;
      businessCustomers?: Served<AccountOverview['businessCustomers']>;
    };
  };
  meta?: { customerCount?: number; contactCount?: number; businessCustomerCount?: number };
}

/** The overview in ONE request when the integration serves it. */
export async function readAccountOverview(id: string): Promise<AccountOverview> {
  const document = await api.read<OverviewDocument>(`/accounts/${encodeURIComponent(id)}/overview`);
  const { contacts, businessCustomers, ...attributes } = document.data.attributes;
  const meta = document.meta ?? {};
  return {
    id: document.data.id,
    ...attributes,
    ...(contacts ? { contacts: { items: contacts, total: meta.contactCount ?? contacts.length } } : {}),
    ...(businessCustomers ? { businessCustomers: { items: businessCustomers, total: meta.businessCustomerCount ?? businessCustomers.length } } : {}),
    customerCount: meta.customerCount ?? attributes.customers.length,
  };
}

/** A list the caller may not read is left out of the page, as the overview leaves it out. */
const unlessForbidden = <T>(request: Promise<T>): Promise<T | undefined> =>
  request.catch((error: unknown) => {
    if (error instanceof JsonApiError && error.status === 403) return undefined;
    throw error;
  });

/**
 * A CRM-only deployment has no overview route: the same page from what CRM serves (the account, its lifetime values
 * with their channels, open opportunities, contacts and business customers, read in parallel), without customers.
 */
export async function readCrmAccountOverview(id: string): Promise<AccountOverview> {
  const [account, values, opportunities, contacts, businessCustomers] = await Promise.all([
    api.get('accounts', id, { fields: { accounts: ['name', 'lifetimeValue', 'lifetimePaidOrderCount'] } }),
    unlessForbidden(api.list('lifetimevalues', { filters: [{ field: 'account', op: 'eq', value: [id] }], page: { number: 1, size: 100 }, include: ['channel'], fields: { channels: ['name'] } })),
    unlessForbidden(api.list('opportunities', {
      filters: [
        { field: 'account', op: 'eq', value: [id] },
        { field: 'status', op: 'eq', value: OPEN_OPPORTUNITY_STATUSES },
      ],
      page: { number: 1, size: SHOWN },
      sort: ['-createdAt'],
    })),
    unlessForbidden(api.list('contacts', { filters: [{ field: 'accounts', op: 'eq', value: [id] }], sort: ['lastName', 'firstName'], page: { number: 1, size: RECORDS_SHOWN } })),
    unlessForbidden(api.list('b2bcustomers', { filters: [{ field: 'account', op: 'eq', value: [id] }], sort: ['name'], page: { number: 1, size: RECORDS_SHOWN } })),
  ]);
  const attributes = account.data.attributes ?? {};
  const channels = indexIncluded(values?.included ?? []);
  return {
    id,
    name: String(attributes.name ?? ''),
    lifetimeValue: String(attributes.lifetimeValue ?? '0'),
    lifetimePaidOrderCount: Number(attributes.lifetimePaidOrderCount ?? 0),
    channels: (values?.data ?? []).map((value) => {
      const channelId = linkedId(value, 'channel');
      const channel = channelId === null ? undefined : channels.get(`channels:${channelId}`);
      return { channelId, channelName: channel ? String(channel.attributes?.name ?? '') : null, amount: String(value.attributes?.amount ?? '0') };
    }),
    ...(contacts && {
      contacts: {
        items: contacts.data.map((c) => ({ id: c.id, firstName: (c.attributes?.firstName as string | null) ?? null, lastName: (c.attributes?.lastName as string | null) ?? null })),
        total: contacts.total ?? contacts.data.length,
      },
    }),
    ...(businessCustomers && {
      businessCustomers: {
        items: businessCustomers.data.map((b) => ({ id: b.id, name: String(b.attributes?.name ?? ''), lifetime: String(b.attributes?.lifetime ?? '0') })),
        total: businessCustomers.total ?? businessCustomers.data.length,
      },
    }),
    openOpportunities: opportunities?.data.map((o) => ({
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
