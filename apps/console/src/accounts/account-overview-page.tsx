import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { JsonApiError } from '../api/json-api-client';
import { recordLabel } from '../api/resource-model';
import { api, useApiDocument, useServedTypes } from '../app/services';
import { Alert } from '../components/ui/alert';
import { en, humanize, resourceLabel } from '../i18n/en';
import { formatAmount } from '../resources/format-value';
import { OVERVIEW_PATH, readAccountOverview, readCrmAccountOverview, type AccountOverview, type OverviewCustomer, type OverviewOpportunity } from './account-overview';

const route = getRouteApi('/signed-in/accounts/$id/overview');
const RELATED_SHOWN = 10;

/**
 * The account's 360° view (Oro's account page): lifetime value in total and per channel, then a section per kind of
 * linked record, each record one click away. The overview itself is one request; contacts, business customers and
 * channel names come from their own lists (filtered by the account), never from to-many linkage.
 */
export function AccountOverviewPage() {
  const { id } = route.useParams();
  const document = useApiDocument();
  const served = useServedTypes();
  const integrated = document.data ? Boolean(document.data.paths[OVERVIEW_PATH]) : undefined;
  const overview = useQuery({
    queryKey: ['account-overview', id, integrated],
    enabled: integrated !== undefined,
    queryFn: () => (integrated ? readAccountOverview(id) : readCrmAccountOverview(id)),
  });
  if (overview.isLoading || !served) return <p>{en.grid.loading}</p>;
  if (overview.error || !overview.data) {
    return <Alert>{overview.error instanceof JsonApiError && overview.error.status !== 404 ? overview.error.message : en.record.notFound}</Alert>;
  }
  const data = overview.data;
  return (
    <article aria-labelledby="overview-title" className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <Link to="/$type" params={{ type: 'accounts' }} className="text-sm text-blue-700 hover:underline">
            ← {resourceLabel('accounts')}
          </Link>
          <h1 id="overview-title" className="text-xl font-semibold">
            {data.name}
          </h1>
        </div>
        <Link to="/$type/$id" params={{ type: 'accounts', id }} className="text-sm text-blue-700 hover:underline">
          {en.overview.details}
        </Link>
      </div>
      <LifetimeHeader overview={data} />
      <div className="grid gap-4 lg:grid-cols-2">
        {served.has('contacts') && <RelatedList title={resourceLabel('contacts')} type="contacts" filter="accounts" accountId={id} />}
        {served.has('b2bcustomers') && <RelatedList title={resourceLabel('b2bcustomers')} type="b2bcustomers" filter="account" accountId={id} />}
      </div>
      {data.openOpportunities && <Opportunities title={en.overview.openOpportunities} opportunities={data.openOpportunities} />}
      {integrated && (
        <section aria-labelledby="customers-title" className="space-y-3">
          <h2 id="customers-title" className="text-base font-semibold">
            {en.overview.customers(data.customers.length, data.customerCount)}
          </h2>
          {data.customers.length === 0 && <p className="text-sm text-slate-600">{en.overview.noCustomers}</p>}
          {data.customers.map((customer) => (
            <CustomerSection key={customer.id} customer={customer} />
          ))}
        </section>
      )}
    </article>
  );
}

function LifetimeHeader({ overview }: { overview: AccountOverview }) {
  const channelIds = overview.channels.map((c) => c.channelId).filter((c): c is string => c !== null);
  const channels = useQuery({
    queryKey: ['channel-names', channelIds],
    enabled: channelIds.length > 0,
    queryFn: () => api.list('channels', { filters: [{ field: 'id', op: 'eq', value: channelIds }], page: { number: 1, size: channelIds.length }, fields: { channels: ['name'] } }),
  });
  const name = (channelId: string | null) => {
    if (channelId === null) return en.overview.accountChannel;
    const channel = channels.data?.data.find((c) => c.id === channelId);
    return channel ? recordLabel(channel) : `${resourceLabel('channels', false)} #${channelId}`;
  };
  return (
    <section aria-labelledby="lifetime-title" className="rounded border border-slate-200 bg-white p-4">
      <h2 id="lifetime-title" className="sr-only">
        {en.overview.lifetimeValue}
      </h2>
      <dl className="flex flex-wrap gap-x-8 gap-y-3">
        <div>
          <dt className="text-xs text-slate-500">{en.overview.lifetimeValue}</dt>
          <dd className="text-2xl font-semibold" data-testid="lifetime-total">
            {formatAmount(overview.lifetimeValue)}
          </dd>
        </div>
        <div>
          <dt className="text-xs text-slate-500">{en.overview.paidOrders}</dt>
          <dd className="text-2xl font-semibold">{overview.lifetimePaidOrderCount}</dd>
        </div>
        {overview.channels.map((channel) => (
          <div key={channel.channelId ?? 'account'} data-testid="lifetime-channel">
            <dt className="text-xs text-slate-500">
              {channel.channelId === null ? (
                name(null)
              ) : (
                <Link to="/$type/$id" params={{ type: 'channels', id: channel.channelId }} className="text-blue-700 hover:underline">
                  {name(channel.channelId)}
                </Link>
              )}
            </dt>
            <dd className="text-lg font-medium">{formatAmount(channel.amount)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Records of one type linked to the account, through their list endpoint filtered by it (with the total). */
function RelatedList({ title, type, filter, accountId }: { title: string; type: string; filter: string; accountId: string }) {
  const list = useQuery({
    queryKey: ['list', type, 'of-account', accountId],
    queryFn: () => api.list(type, { filters: [{ field: filter, op: 'eq', value: [accountId] }], page: { number: 1, size: RELATED_SHOWN }, title: true }),
  });
  const more = (list.data?.total ?? 0) - (list.data?.data.length ?? 0);
  return (
    <Section title={title} count={list.data?.total ?? undefined}>
      {list.isLoading && <p className="text-sm">{en.grid.loading}</p>}
      {list.error && <Alert>{list.error instanceof JsonApiError ? list.error.message : en.common.error}</Alert>}
      {list.data && list.data.data.length === 0 && <p className="text-sm text-slate-600">{en.record.none}</p>}
      <ul className="space-y-1 text-sm">
        {list.data?.data.map((record) => (
          <li key={record.id}>
            <RecordLink type={type} id={record.id}>
              {recordLabel(record)}
            </RecordLink>
          </li>
        ))}
      </ul>
      {more > 0 && (
        <Link
          to="/$type"
          params={{ type }}
          search={{ filters: [{ field: filter, op: 'eq', value: [accountId] }] }}
          className="mt-2 inline-block text-sm text-blue-700 hover:underline"
        >
          {en.record.more(more)}
        </Link>
      )}
    </Section>
  );
}

function CustomerSection({ customer }: { customer: OverviewCustomer }) {
  return (
    <section aria-labelledby={`customer-${customer.id}`} className="rounded border border-slate-200 bg-white p-4" data-testid="overview-customer">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`customer-${customer.id}`} className="text-base font-semibold">
          <RecordLink type="customers" id={customer.id}>
            {customer.name}
          </RecordLink>
        </h3>
        <dl className="flex gap-6 text-sm">
          <div>
            <dt className="text-xs text-slate-500">{en.overview.lifetimeSalesValue}</dt>
            <dd data-testid="customer-lifetime">{formatAmount(customer.lifetimeSalesValue)}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{en.overview.paidOrders}</dt>
            <dd>{customer.lifetimePaidOrderCount}</dd>
          </div>
          <div>
            <dt className="text-xs text-slate-500">{en.overview.subtreeValue}</dt>
            <dd>{formatAmount(customer.subtreeLifetimeSalesValue)}</dd>
          </div>
        </dl>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        {customer.users && (
          <Section title={resourceLabel('customerusers')} count={customer.users.length} flat>
            <ul className="space-y-1 text-sm">
              {customer.users.map((user) => (
                <li key={user.id}>
                  <RecordLink type="customerusers" id={user.id}>
                    {[user.firstName, user.lastName].filter(Boolean).join(' ') || user.email}
                  </RecordLink>
                  {!user.enabled && <span className="ml-1 text-xs text-slate-500">({en.overview.disabled})</span>}
                </li>
              ))}
              {customer.users.length === 0 && <li className="text-slate-600">{en.record.none}</li>}
            </ul>
          </Section>
        )}
        {customer.recentOrders && (
          <Section title={en.overview.latestOrders} flat>
            <table className="w-full text-sm">
              <thead className="sr-only">
                <tr>
                  <th>{humanize('identifier')}</th>
                  <th>{humanize('total')}</th>
                  <th>{humanize('paymentStatus')}</th>
                </tr>
              </thead>
              <tbody>
                {customer.recentOrders.map((order) => (
                  <tr key={order.id} data-testid="overview-order">
                    <td>
                      <RecordLink type="orders" id={order.id}>
                        {order.identifier}
                      </RecordLink>
                    </td>
                    <td className="text-right">{formatAmount(order.total, order.currency)}</td>
                    <td className="pl-2 text-slate-600">{order.paymentStatus ? humanize(order.paymentStatus) : en.record.none}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {customer.recentOrders.length === 0 && <p className="text-sm text-slate-600">{en.record.none}</p>}
          </Section>
        )}
        {customer.openOpportunities && <Opportunities title={en.overview.openOpportunities} opportunities={customer.openOpportunities} flat />}
      </div>
    </section>
  );
}

function Opportunities({ title, opportunities, flat }: { title: string; opportunities: OverviewOpportunity[]; flat?: boolean }) {
  return (
    <Section title={title} count={opportunities.length} flat={flat}>
      {opportunities.length === 0 && <p className="text-sm text-slate-600">{en.record.none}</p>}
      <ul className="space-y-1 text-sm">
        {opportunities.map((opportunity) => (
          <li key={opportunity.id} className="flex flex-wrap justify-between gap-2">
            <RecordLink type="opportunities" id={opportunity.id}>
              {opportunity.name}
            </RecordLink>
            <span className="text-slate-600">
              {humanize(opportunity.status)} · {formatAmount(opportunity.budgetAmount, opportunity.budgetCurrency)}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}

function Section({ title, count, flat, children }: { title: string; count?: number; flat?: boolean; children: ReactNode }) {
  return (
    <section aria-label={title} className={flat ? '' : 'rounded border border-slate-200 bg-white p-4'}>
      <h3 className="mb-2 text-sm font-semibold uppercase text-slate-500">
        {title}
        {count !== undefined && <span className="ml-1 font-normal">({count})</span>}
      </h3>
      {children}
    </section>
  );
}

function RecordLink({ type, id, children }: { type: string; id: string; children: ReactNode }) {
  return (
    <Link to="/$type/$id" params={{ type, id }} className="text-blue-700 hover:underline">
      {children}
    </Link>
  );
}
