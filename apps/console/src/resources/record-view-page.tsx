import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { indexIncluded, JsonApiError, type Identifier, type ResourceObject } from '../api/json-api-client';
import { recordLabel, type ResourceModel } from '../api/resource-model';
import { RecordLinks } from '../app/page-links';
import { api, useResourceModel } from '../app/services';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { ConfirmDialog } from '../components/ui/confirm-dialog';
import { en, humanize, resourceLabel } from '../i18n/en';
import { formatValue } from './format-value';

const route = getRouteApi('/signed-in/$type/$id');
const RECORD_INFO = ['owner', 'createdAt', 'updatedAt', 'organization'];
/** To-many relationships show this many related records; the rest are counted. */
const SHOWN_RELATED = 20;

/** The generic view page: attributes, related records (one click each), owner and times. */
export function RecordViewPage() {
  const { type, id } = route.useParams();
  const model = useResourceModel(type);
  if (model === undefined) return <p>{en.grid.loading}</p>;
  if (model === null) return <Alert>{en.record.notFound}</Alert>;
  return <RecordView model={model} id={id} />;
}

/** Reads one record with its related records included, to label them (the server bounds to-many relationships). */
export function useRecord(model: ResourceModel, id: string) {
  return useQuery({
    queryKey: ['record', model.type, id],
    queryFn: () => api.get(model.type, id, { include: model.relationships.filter((r) => r.target).map((r) => r.name), title: model.hasTitle }),
  });
}

function RecordView({ model, id }: { model: ResourceModel; id: string }) {
  const navigate = useNavigate();
  const record = useRecord(model, id);
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: () => api.remove(model.type, id),
    onSuccess: () => navigate({ to: '/$type', params: { type: model.type } }),
    onError: (e) => setError(e instanceof JsonApiError ? e.message : en.common.error),
  });
  if (record.isLoading) return <p>{en.grid.loading}</p>;
  if (record.error || !record.data) return <Alert>{record.error instanceof JsonApiError && record.error.status !== 404 ? record.error.message : en.record.notFound}</Alert>;
  const data = record.data.data;
  const included = indexIncluded(record.data.included);
  const label = recordLabel(data);
  const attributes = model.attributes.filter((a) => !RECORD_INFO.includes(a.name));
  const relationships = model.relationships.filter((r) => !RECORD_INFO.includes(r.name));
  const info = RECORD_INFO.filter((name) => model.attributes.some((a) => a.name === name) || model.relationships.some((r) => r.name === name));
  return (
    <article aria-labelledby="record-title">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <div>
          <Link to="/$type" params={{ type: model.type }} className="text-sm text-blue-700 hover:underline">
            ← {resourceLabel(model.type)}
          </Link>
          <h1 id="record-title" className="text-xl font-semibold">
            {label}
          </h1>
        </div>
        <div className="flex flex-wrap justify-end gap-2">
          <RecordLinks type={model.type} id={id} />
          {model.can.update && (
            <Link to="/$type/$id/edit" params={{ type: model.type, id }} className="rounded border border-blue-600 bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
              {en.record.edit}
            </Link>
          )}
          {model.can.delete && (
            <ConfirmDialog message={en.grid.confirmDelete(label)} confirmLabel={en.record.delete} onConfirm={() => remove.mutate()}>
              <Button variant="danger">{en.record.delete}</Button>
            </ConfirmDialog>
          )}
        </div>
      </div>
      {error && (
        <Alert onClose={() => setError(null)}>{error}</Alert>
      )}
      <div className="grid gap-4 lg:grid-cols-3">
        <section className="rounded border border-slate-200 bg-white p-4 lg:col-span-2" aria-labelledby="details-title">
          <h2 id="details-title" className="mb-2 text-sm font-semibold uppercase text-slate-500">
            {en.record.details}
          </h2>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-2">
            {attributes.map((attribute) => (
              <div key={attribute.name}>
                <dt className="text-xs text-slate-500">{humanize(attribute.name)}</dt>
                <dd className="break-words text-sm">{formatValue(attribute, data.attributes?.[attribute.name])}</dd>
              </div>
            ))}
          </dl>
          {relationships.length > 0 && (
            <>
              <h2 className="mb-2 mt-4 text-sm font-semibold uppercase text-slate-500">{en.record.relationships}</h2>
              <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-2">
                {relationships.map((relationship) => (
                  <div key={relationship.name}>
                    <dt className="text-xs text-slate-500">{humanize(relationship.name)}</dt>
                    <dd className="text-sm">
                      <Related linkage={data.relationships?.[relationship.name]?.data} included={included} />
                    </dd>
                  </div>
                ))}
              </dl>
            </>
          )}
        </section>
        {info.length > 0 && (
          <aside className="rounded border border-slate-200 bg-white p-4" aria-labelledby="info-title">
            <h2 id="info-title" className="mb-2 text-sm font-semibold uppercase text-slate-500">
              {en.record.info}
            </h2>
            <dl className="space-y-2">
              {info.map((name) => {
                const attribute = model.attributes.find((a) => a.name === name);
                return (
                  <div key={name}>
                    <dt className="text-xs text-slate-500">{humanize(name)}</dt>
                    <dd className="text-sm" data-testid={`info-${name}`}>
                      {attribute ? formatValue(attribute, data.attributes?.[name]) : <Related linkage={data.relationships?.[name]?.data} included={included} />}
                    </dd>
                  </div>
                );
              })}
            </dl>
          </aside>
        )}
      </div>
    </article>
  );
}

function Related({ linkage, included }: { linkage: Identifier | Identifier[] | null | undefined; included: Map<string, ResourceObject> }) {
  if (!linkage || (Array.isArray(linkage) && linkage.length === 0)) return <>{en.record.none}</>;
  const items = Array.isArray(linkage) ? linkage : [linkage];
  return (
    <span className="flex flex-wrap gap-x-2">
      {items.slice(0, SHOWN_RELATED).map((item) => {
        const related = included.get(`${item.type}:${item.id}`);
        return (
          <Link key={`${item.type}:${item.id}`} to="/$type/$id" params={{ type: item.type, id: item.id }} className="text-blue-700 hover:underline">
            {related ? recordLabel(related) : `${resourceLabel(item.type, false)} #${item.id}`}
          </Link>
        );
      })}
      {items.length > SHOWN_RELATED && <span className="text-slate-500">{en.record.more(items.length - SHOWN_RELATED)}</span>}
    </span>
  );
}
