import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { CustomerView, GetCustomerOverviews, ListCustomers, ListedCustomerOverview } from '../../contracts/commerce';
import {
  AccountB2bCustomerView,
  AccountContactView,
  AccountLifetimeValue,
  AccountRecordsPage,
  AccountView,
  GetAccount,
  GetAccountLifetimeValue,
  ListAccountB2bCustomers,
  ListAccountContacts,
  ListAccountOpportunities,
  ListOpportunitiesForCustomerIdentities,
  OpportunityView,
} from '../../contracts/crm';
import { Caller, JsonApiException, prepared } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { COMMERCE_CUSTOMER } from '../customer-accounts/commerce-customer-identity';
import { GetAccountOverview } from './get-account-overview.query';

/** Customers shown in full on one overview; `meta.customerCount` says how many the account has that the caller may see. */
const CUSTOMERS_SHOWN = 20;
const OPPORTUNITIES_SHOWN = 20;
/** Contacts and business customers shown; `meta.contactCount` / `meta.businessCustomerCount` say how many there are. */
const RECORDS_SHOWN = 10;
const LINKED_CUSTOMERS = prepared(
  `SELECT customer_id::text AS id FROM integration.customer_account WHERE organization_id = $1 AND account_id = $2 ORDER BY customer_id`,
);

/**
 * An account across every channel (domain §4.6): its lifetime value per channel, its contacts, business customers and
 * open opportunities, and its commerce customers with their users, latest orders, lifetime sales value and open
 * opportunities. Each part follows the caller's VIEW access on that kind of record (none: left out; own: only its own
 * records), as Oro guards each tab.
 */
@QueryHandler(GetAccountOverview)
export class GetAccountOverviewHandler implements IQueryHandler<GetAccountOverview> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly queries: QueryBus,
  ) {}

  async execute({ caller, accountId }: GetAccountOverview) {
    const { organizationId } = caller;
    const account: AccountView | null = /^\d{1,18}$/.test(accountId) ? await this.queries.execute(new GetAccount(organizationId, accountId)) : null;
    if (!account || !visible(caller, 'accounts', account.ownerId)) throw JsonApiException.notFound();

    // Independent reads, asked for together: on PostgreSQL they run on separate pooled connections.
    const [lifetime, opportunities, linked, contacts, businessCustomers]: [
      AccountLifetimeValue | null,
      OpportunityView[] | undefined,
      Array<{ id: string }>,
      AccountRecordsPage<AccountContactView> | undefined,
      AccountRecordsPage<AccountB2bCustomerView> | undefined,
    ] = await Promise.all([
      this.queries.execute(new GetAccountLifetimeValue(organizationId, accountId)),
      this.opportunities(caller, new ListAccountOpportunities(organizationId, accountId, { openOnly: true, limit: OPPORTUNITIES_SHOWN })),
      this.store.query(LINKED_CUSTOMERS, [organizationId, accountId]),
      this.records<AccountContactView>(caller, 'contacts', (options) => new ListAccountContacts(organizationId, accountId, options)),
      this.records<AccountB2bCustomerView>(caller, 'b2bcustomers', (options) => new ListAccountB2bCustomers(organizationId, accountId, options)),
    ]);
    const visibleIds = await this.visibleCustomers(caller, linked.map((c) => c.id));
    const shown = await this.customers(caller, visibleIds.slice(0, CUSTOMERS_SHOWN));

    return {
      data: {
        type: 'accountoverviews',
        id: accountId,
        attributes: {
          name: account.name,
          lifetimeValue: lifetime?.total ?? '0.0000',
          lifetimePaidOrderCount: lifetime?.paidOrderCount ?? 0,
          channels: lifetime?.channels ?? [],
          ...(contacts ? { contacts: contacts.items.map(({ ownerId: _owner, ...contact }) => contact) } : {}),
          ...(businessCustomers ? { businessCustomers: businessCustomers.items.map(({ ownerId: _owner, ...customer }) => customer) } : {}),
          openOpportunities: opportunities,
          customers: shown,
        },
        relationships: { account: { data: { type: 'accounts', id: accountId } } },
      },
      meta: {
        customerCount: visibleIds.length,
        customersShown: shown.length,
        ...(contacts ? { contactCount: contacts.total } : {}),
        ...(businessCustomers ? { businessCustomerCount: businessCustomers.total } : {}),
      },
    };
  }

  /**
   * The linked customers the caller may see: all of them with organization-wide VIEW (no statement needed: the links
   * are the organization's), those it owns with "own" access (read to know their owners), none without VIEW.
   */
  private async visibleCustomers(caller: Caller, linked: string[]): Promise<string[]> {
    const access = caller.access('customers', 'VIEW');
    if (access === 'none' || linked.length === 0) return [];
    if (access === 'organization') return linked;
    const customers: CustomerView[] = await this.queries.execute(new ListCustomers(caller.organizationId, null, linked.length, linked));
    return customers.filter((c) => visible(caller, 'customers', c.ownerId)).map((c) => c.id);
  }

  /** The shown customers' parts: two statements whatever their number (overviews, and their open opportunities). */
  private async customers(caller: Caller, ids: string[]) {
    if (ids.length === 0) return [];
    const opportunitiesVisible = caller.access('opportunities', 'VIEW') !== 'none';
    const [overviews, opportunities]: [ListedCustomerOverview[], Record<string, OpportunityView[]>] = await Promise.all([
      this.queries.execute(new GetCustomerOverviews(caller.organizationId, ids)),
      opportunitiesVisible
        ? this.queries.execute(new ListOpportunitiesForCustomerIdentities(caller.organizationId, COMMERCE_CUSTOMER, ids, { openOnly: true, limit: OPPORTUNITIES_SHOWN }))
        : {},
    ]);
    const byId = new Map(overviews.map((overview) => [overview.id, overview]));
    // A customer deleted since its link was read has no overview, and is left out.
    return ids.flatMap((id) => {
      const overview = byId.get(id);
      if (!overview) return [];
      return [
        {
          id,
          name: overview.name,
          lifetimeSalesValue: overview.lifetimeSalesValue,
          lifetimePaidOrderCount: overview.lifetimePaidOrderCount,
          subtreeLifetimeSalesValue: overview.subtreeLifetimeSalesValue,
          ...(caller.access('customerusers', 'VIEW') !== 'none' ? { users: overview.users } : {}),
          ...(caller.access('orders', 'VIEW') !== 'none' ? { recentOrders: overview.recentOrders } : {}),
          openOpportunities: opportunitiesVisible ? (opportunities[id] ?? []).filter((o) => visible(caller, 'opportunities', o.ownerId)) : undefined,
        },
      ];
    });
  }

  /** The first records of a kind on the account that the caller may see (its own with "own" access), or none without VIEW. */
  private async records<T>(
    caller: Caller,
    type: string,
    query: (options: { limit: number; ownerId?: string }) => ListAccountContacts | ListAccountB2bCustomers,
  ): Promise<AccountRecordsPage<T> | undefined> {
    const access = caller.access(type, 'VIEW');
    if (access === 'none') return undefined;
    if (access === 'own' && !caller.userId) return { total: 0, items: [] };
    return this.queries.execute(query({ limit: RECORDS_SHOWN, ...(access === 'own' ? { ownerId: caller.userId! } : {}) })) as Promise<AccountRecordsPage<T>>;
  }

  /** Opportunities the caller may see, or none at all without VIEW on them. */
  private async opportunities(caller: Caller, query: ListAccountOpportunities): Promise<OpportunityView[] | undefined> {
    if (caller.access('opportunities', 'VIEW') === 'none') return undefined;
    const all = await this.queries.execute(query);
    return all.filter((o) => visible(caller, 'opportunities', o.ownerId));
  }
}

/** Whether the caller may VIEW a record of this type owned by `ownerId` (organization scope is the query's). */
function visible(caller: Caller, type: string, ownerId: string | null): boolean {
  const access = caller.access(type, 'VIEW');
  return access === 'organization' || (access === 'own' && ownerId !== null && ownerId === caller.userId);
}
