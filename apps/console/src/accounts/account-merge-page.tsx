import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { indexIncluded, JsonApiError, type ResourceObject } from '../api/json-api-client';
import { recordLabel } from '../api/resource-model';
import { api, queryClient, useResourceModel } from '../app/services';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { en, humanize, resourceLabel } from '../i18n/en';
import { formatValue } from '../resources/format-value';
import { canMerge, MERGE_FIELDS, mergeDocument, mergeIds, sourceOf, withMaster, withSource, type MergePlan } from './merge-plan';

const route = getRouteApi('/signed-in/accounts/merge');

export function parseMergeSearch(search: Record<string, unknown>): { ids?: string } {
  const ids = mergeIds(search.ids);
  return ids.length ? { ids: ids.join(',') } : {};
}

/** Oro's merge wizard: choose the master and each field's source, confirm, land on the merged account. */
export function AccountMergePage() {
  const ids = mergeIds(route.useSearch().ids);
  const model = useResourceModel('accounts');
  const relationships = MERGE_FIELDS.filter((f) => f.relationship).map((f) => f.name);
  const accounts = useQuery({
    queryKey: ['merge-accounts', ids],
    enabled: canMerge(ids.length),
    queryFn: () => api.list('accounts', { filters: [{ field: 'id', op: 'eq', value: ids }], page: { number: 1, size: ids.length }, include: relationships, title: true }),
  });
  if (!canMerge(ids.length)) return <Alert>{en.merge.pick}</Alert>;
  if (accounts.isLoading || !model) return <p>{en.grid.loading}</p>;
  if (accounts.error || !accounts.data) return <Alert>{accounts.error instanceof JsonApiError ? accounts.error.message : en.common.error}</Alert>;
  // The grid's order, and only the accounts the caller may still see.
  const found = ids.map((id) => accounts.data.data.find((a) => a.id === id)).filter((a): a is ResourceObject => Boolean(a));
  if (!canMerge(found.length)) return <Alert>{en.merge.pick}</Alert>;
  return <Wizard accounts={found} included={indexIncluded(accounts.data.included)} kindOf={(name) => model.attributes.find((a) => a.name === name)} />;
}

function Wizard({
  accounts,
  included,
  kindOf,
}: {
  accounts: ResourceObject[];
  included: Map<string, ResourceObject>;
  kindOf: (name: string) => Parameters<typeof formatValue>[0] | undefined;
}) {
  const navigate = useNavigate();
  const [plan, setPlan] = useState<MergePlan>({ ids: accounts.map((a) => a.id), master: accounts[0].id, sources: {} });
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const merge = useMutation({
    mutationFn: () => api.create(mergeDocument(plan)),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['list', 'accounts'] });
      await queryClient.invalidateQueries({ queryKey: ['record', 'accounts'] });
      await navigate({ to: '/$type/$id', params: { type: 'accounts', id: plan.master } });
    },
    onError: (e) => setError(e instanceof JsonApiError ? e.message : en.common.error),
  });
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const shown = (account: ResourceObject, field: (typeof MERGE_FIELDS)[number]) => {
    if (!field.relationship) return formatValue(kindOf(field.name) ?? { kind: 'string' }, account.attributes?.[field.name]);
    const linkage = account.relationships?.[field.name]?.data;
    if (!linkage || Array.isArray(linkage)) return en.record.none;
    const related = included.get(`${linkage.type}:${linkage.id}`);
    return related ? recordLabel(related) : `#${linkage.id}`;
  };
  const label = (account: ResourceObject) => recordLabel(account);
  const master = byId.get(plan.master)!;
  const others = accounts.filter((a) => a.id !== plan.master);

  return (
    <section aria-labelledby="merge-title">
      <Link to="/$type" params={{ type: 'accounts' }} className="text-sm text-blue-700 hover:underline">
        ← {resourceLabel('accounts')}
      </Link>
      <h1 id="merge-title" className="mb-1 text-xl font-semibold">
        {en.merge.title(accounts.length)}
      </h1>
      <p className="mb-3 text-sm text-slate-600">{confirming ? en.merge.step2 : en.merge.step1}</p>
      {error && <Alert onClose={() => setError(null)}>{error}</Alert>}
      {!confirming ? (
        <>
          <div className="overflow-x-auto rounded border border-slate-200 bg-white">
            <table className="w-full border-collapse text-sm">
              <caption className="sr-only">{en.merge.title(accounts.length)}</caption>
              <thead className="bg-slate-100 text-left text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-2 py-1.5 uppercase">
                    {en.merge.field}
                  </th>
                  {accounts.map((account) => (
                    <th key={account.id} scope="col" className="px-2 py-1.5">
                      <div className="text-sm font-semibold normal-case text-slate-900">{label(account)}</div>
                      <label className="mt-1 flex items-center gap-1 font-normal">
                        <input type="radio" name="master" checked={plan.master === account.id} onChange={() => setPlan(withMaster(plan, account.id))} aria-label={en.merge.masterOf(label(account))} />
                        {en.merge.master}
                      </label>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {MERGE_FIELDS.map((field) => (
                  <tr key={field.name} className="border-t border-slate-100">
                    <th scope="row" className="px-2 py-1 text-left font-medium">
                      {humanize(field.name)}
                    </th>
                    {accounts.map((account) => (
                      <td key={account.id} className="px-2 py-1">
                        <label className="flex items-center gap-1">
                          <input
                            type="radio"
                            name={`source-${field.name}`}
                            checked={sourceOf(plan, field.name) === account.id}
                            onChange={() => setPlan(withSource(plan, field.name, account.id))}
                            aria-label={en.merge.takeFrom(humanize(field.name), label(account))}
                          />
                          <span className="break-words">{shown(account, field)}</span>
                        </label>
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="mt-3 flex justify-end">
            <Button variant="primary" onClick={() => setConfirming(true)}>
              {en.merge.next}
            </Button>
          </div>
        </>
      ) : (
        <div className="rounded border border-slate-200 bg-white p-4">
          <h2 className="mb-2 text-base font-semibold">{en.merge.result(label(master))}</h2>
          <dl className="mb-3 grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-2">
            {MERGE_FIELDS.map((field) => (
              <div key={field.name}>
                <dt className="text-xs text-slate-500">{humanize(field.name)}</dt>
                <dd className="text-sm" data-testid={`merged-${field.name}`}>
                  {shown(byId.get(sourceOf(plan, field.name))!, field)}
                </dd>
              </div>
            ))}
          </dl>
          <Alert>{en.merge.warning(others.map(label))}</Alert>
          <div className="flex justify-end gap-2">
            <Button onClick={() => setConfirming(false)}>{en.merge.back}</Button>
            <Button variant="danger" disabled={merge.isPending} onClick={() => merge.mutate()}>
              {merge.isPending ? en.merge.merging : en.merge.confirm}
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}
