import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { CustomerView, GetCustomerOverviews, ListCustomers, ListedCustomerOverview } from '../../contracts/commerce';
import {
  AccountCrmOverview,
  AccountCrmOverviewParts,
  AccountRecordsOptions,
  GetAccountCrmOverview,
  ListOpportunitiesForCustomerIdentities,
  OpportunityView,
} from '../../contracts/crm';
import { Caller, JsonApiException } from '../../platform';
import { COMMERCE_CUSTOMER } from '../customer-accounts/commerce-customer-identity';
import { GetAccountOverview } from './get-account-overview.query';

/** Customers shown in full on one overview; `meta.customerCount` says how many the account has that the caller may see. */
const CUSTOMERS_SHOWN = 20;
const OPPORTUNITIES_SHOWN = 20;
/** Contacts and business customers shown; `meta.contactCount` / `meta.businessCustomerCount` say how many there are. */
const RECORDS_SHOWN = 10;

/**
 * An account across every channel (domain §4.6): its lifetime value per channel, its contacts, business customers and
 * open opportunities, and its commerce customers with their users, latest orders, lifetime sales value and open
 * opportunities. Each part follows the caller's VIEW access on that kind of record (none: left out; own: only its own
 * records), as Oro guards each tab. Two statements with organization-wide VIEW on customers: CRM's side of the account
 * (`GetAccountCrmOverview`, its commerce customers being its customer identities), then commerce's side of the shown
 * customers (`GetCustomerOverviews`); each module reads only its own tables.
 */
@QueryHandler(GetAccountOverview)
export class GetAccountOverviewHandler implements IQueryHandler<GetAccountOverview> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ caller, accountId }: GetAccountOverview) {
    const crm: AccountCrmOverview | null = /^\d{1,18}$/.test(accountId)
      ? await this.queries.execute(new GetAccountCrmOverview(caller.organizationId, accountId, this.parts(caller)))
      : null;
    if (!crm || !visible(caller, 'accounts', crm.account.ownerId)) throw JsonApiException.notFound();
    const { account, lifetime } = crm;
    const opportunities = crm.openOpportunities?.filter((o) => visible(caller, 'opportunities', o.ownerId));
    const contacts = this.records(caller, 'contacts', crm.contacts);
    const businessCustomers = this.records(caller, 'b2bcustomers', crm.businessCustomers);
    const visibleIds = await this.visibleCustomers(caller, crm.identityIds ?? []);
    const shown = await this.customers(caller, visibleIds.slice(0, CUSTOMERS_SHOWN), crm.identityOpportunities);

    return {
      data: {
        type: 'accountoverviews',
        id: accountId,
        attributes: {
          name: account.name,
          lifetimeValue: lifetime.total,
          lifetimePaidOrderCount: lifetime.paidOrderCount,
          channels: lifetime.channels,
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
   * What CRM reads for this caller: each part it may see; the customers' opportunities too when the shown customers
   * are the first linked ones (organization-wide VIEW on customers).
   */
  private parts(caller: Caller): AccountCrmOverviewParts {
    const customers = caller.access('customers', 'VIEW');
    const opportunities = caller.access('opportunities', 'VIEW') !== 'none';
    const contacts = this.recordsOptions(caller, 'contacts');
    const businessCustomers = this.recordsOptions(caller, 'b2bcustomers');
    return {
      ...(opportunities ? { openOpportunities: { limit: OPPORTUNITIES_SHOWN } } : {}),
      ...(contacts ? { contacts } : {}),
      ...(businessCustomers ? { businessCustomers } : {}),
      ...(customers !== 'none'
        ? {
            identities: {
              targetType: COMMERCE_CUSTOMER,
              withOpportunities: customers === 'organization' && opportunities ? CUSTOMERS_SHOWN : 0,
              opportunityLimit: OPPORTUNITIES_SHOWN,
            },
          }
        : {}),
    };
  }

  /** The first records of a kind to read: the caller's own with "own" access; none without VIEW (or without a user to own them). */
  private recordsOptions(caller: Caller, type: string): AccountRecordsOptions | undefined {
    const access = caller.access(type, 'VIEW');
    if (access === 'none' || (access === 'own' && !caller.userId)) return undefined;
    return { limit: RECORDS_SHOWN, ...(access === 'own' ? { ownerId: caller.userId! } : {}) };
  }

  /** The page read for a kind of record, an empty one for an "own" caller without a user, none without VIEW. */
  private records<T>(caller: Caller, type: string, page: { total: number; items: T[] } | undefined) {
    const access = caller.access(type, 'VIEW');
    if (access === 'none') return undefined;
    return page ?? { total: 0, items: [] };
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

  /**
   * The shown customers' parts: their overviews (one statement whatever their number) and their open opportunities,
   * those CRM read with the account when it could know which customers are shown, else read now (one statement).
   */
  private async customers(caller: Caller, ids: string[], readWithAccount: Record<string, OpportunityView[]> | undefined) {
    if (ids.length === 0) return [];
    const opportunitiesVisible = caller.access('opportunities', 'VIEW') !== 'none';
    const [overviews, opportunities]: [ListedCustomerOverview[], Record<string, OpportunityView[]>] = await Promise.all([
      this.queries.execute(new GetCustomerOverviews(caller.organizationId, ids)),
      !opportunitiesVisible
        ? {}
        : caller.access('customers', 'VIEW') === 'organization' && readWithAccount
          ? readWithAccount
          : this.queries.execute(new ListOpportunitiesForCustomerIdentities(caller.organizationId, COMMERCE_CUSTOMER, ids, { openOnly: true, limit: OPPORTUNITIES_SHOWN })),
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
}

/** Whether the caller may VIEW a record of this type owned by `ownerId` (organization scope is the query's). */
function visible(caller: Caller, type: string, ownerId: string | null): boolean {
  const access = caller.access(type, 'VIEW');
  return access === 'organization' || (access === 'own' && ownerId !== null && ownerId === caller.userId);
}
