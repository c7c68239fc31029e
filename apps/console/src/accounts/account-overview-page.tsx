import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { JsonApiError } from '../api/json-api-client';
import { useApiDocument } from '../app/services';
import { Alert } from '../components/ui/alert';
import { en, humanize, resourceLabel } from '../i18n/en';
import { formatAmount } from '../resources/format-value';
import {
  OVERVIEW_PATH,
  readAccountOverview,
  readCrmAccountOverview,
  type AccountOverview,
  type OverviewCustomer,
  type OverviewOpportunity,
  type OverviewRecords,
} from './account-overview';

const route = getRouteApi('/signed-in/accounts/$id/overview');

/**
 * The account's 360° view (Oro's account page): lifetime value in total and per channel, then a section per kind of
 * linked record, each record one click away. With the integration it is ONE request (the overview); a CRM-only
 * server gets the same page from CRM's own lists (`readCrmAccountOverview`).
 */
export function AccountOverviewPage() {
  const { id } = route.useParams();
  const document = useApiDocument();
  const integrated = document.data ? Boolean(document.data.paths[OVERVIEW_PATH]) : undefined;
  const overview = useQuery({
    queryKey: ['account-overview', id, integrated],
    enabled: integrated !== undefined,
    queryFn: () => (integrated ? readAccountOverview(id) : readCrmAccountOverview(id)),
  });
  if (overview.isLoading || integrated === undefined) return <p>{en.grid.loading}</p>;
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
        {data.contacts && (
          <RelatedRecords
            title={resourceLabel('contacts')}
            type="contacts"
            records={data.contacts}
            label={(c) => [c.firstName, c.lastName].filter(Boolean).join(' ') || `#${c.id}`}
            more={{ field: 'accounts', accountId: id }}
          />
        )}
        {data.businessCustomers && (
          <RelatedRecords
            title={resourceLabel('b2bcustomers')}
            type="b2bcustomers"
            records={data.businessCustomers}
            label={(b) => b.name}
            detail={(b) => formatAmount(b.lifetime)}
            more={{ field: 'account', accountId: id }}
          />
        )}
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
                en.overview.accountChannel
              ) : (
                <Link to="/$type/$id" params={{ type: 'channels', id: channel.channelId }} className="text-blue-700 hover:underline">
                  {channel.channelName ?? `${resourceLabel('channels', false)} #${channel.channelId}`}
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

/** The first records of a kind linked to the account, their total, and the grid filtered by the account for the rest. */
function RelatedRecords<T extends { id: string }>({
  title,
  type,
  records,
  label,
  detail,
  more,
}: {
  title: string;
  type: string;
  records: OverviewRecords<T>;
  label: (record: T) => string;
  detail?: (record: T) => string;
  more: { field: string; accountId: string };
}) {
  const left = records.total - records.items.length;
  return (
    <Section title={title} count={records.total}>
      {records.items.length === 0 && <p className="text-sm text-slate-600">{en.record.none}</p>}
      <ul className="space-y-1 text-sm">
        {records.items.map((record) => (
          <li key={record.id} className="flex flex-wrap justify-between gap-2">
            <RecordLink type={type} id={record.id}>
              {label(record)}
            </RecordLink>
            {detail && <span className="text-slate-600">{detail(record)}</span>}
          </li>
        ))}
      </ul>
      {left > 0 && (
        <Link
          to="/$type"
          params={{ type }}
          search={{ filters: [{ field: more.field, op: 'eq', value: [more.accountId] }] }}
          className="mt-2 inline-block text-sm text-blue-700 hover:underline"
        >
          {en.record.more(left)}
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
