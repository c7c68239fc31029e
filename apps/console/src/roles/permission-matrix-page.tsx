import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { JsonApiError } from '../api/json-api-client';
import { modulesOf, recordLabel } from '../api/resource-model';
import { api, useApiDocument, useServedTypes } from '../app/services';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { useUnsavedWarning } from '../components/use-unsaved-warning';
import { en, resourceLabel } from '../i18n/en';
import { addableRows, backOfficeMatrix, backOfficeRows, PERMISSIONS, storefrontMatrix, withCell, type Matrix, type MatrixKind } from './permission-matrix';

const KINDS: Record<'roles' | 'customeruserroles', MatrixKind> = { roles: backOfficeMatrix, customeruserroles: storefrontMatrix };

function rowLabel(row: string): string {
  if (row === '*') return en.roles.everything;
  if (row.startsWith('module:')) return en.roles.module(row.slice('module:'.length));
  return resourceLabel(row);
}

/**
 * A role's permissions as a matrix (Oro's role edit page): one row per resource, VIEW/CREATE/EDIT/DELETE/ASSIGN
 * columns, the access level chosen in each cell, everything saved in one request. A back-office role shows the rows
 * it grants on; "Add resource" adds a row for a loaded module or a resource type it has none for.
 */
export function PermissionMatrixPage({ type }: { type: 'roles' | 'customeruserroles' }) {
  const { id } = useParams({ strict: false }) as { id: string };
  const kind = KINDS[type];
  const served = useServedTypes();
  const document = useApiDocument().data;
  const queries = useQueryClient();
  const [added, setAdded] = useState<string[]>([]);
  const addId = useId();
  const role = useQuery({ queryKey: ['record', type, id], queryFn: () => api.get(type, id) });
  const [edited, setEdited] = useState<Matrix | null>(null);
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const save = useMutation({
    mutationFn: (matrix: Matrix) => api.update({ type, id, attributes: { permissions: kind.serialize(matrix) } }),
    onSuccess: (saved) => {
      queries.setQueryData(['record', type, id], { data: saved, included: [] });
      setEdited(null);
      setNotice({ tone: 'success', text: en.record.saved });
    },
    onError: (error) => setNotice({ tone: 'error', text: error instanceof JsonApiError ? error.message : en.common.error }),
  });
  useUnsavedWarning(edited !== null && !save.isPending);
  if (role.isLoading || !served) return <p>{en.grid.loading}</p>;
  if (role.error || !role.data) return <Alert>{role.error instanceof JsonApiError && role.error.status !== 404 ? role.error.message : en.record.notFound}</Alert>;
  const stored = kind.parse(role.data.data.attributes?.permissions);
  const matrix = edited ?? stored;
  const rows = type === 'roles' ? backOfficeRows(matrix, added, rowLabel) : [...matrix.keys()];
  const addable = type === 'roles' ? addableRows(rows, served, document ? modulesOf(document) : new Map(), rowLabel) : [];
  const label = recordLabel(role.data.data);

  return (
    <section aria-labelledby="matrix-title">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
        <div>
          <Link to="/$type/$id" params={{ type, id }} className="text-sm text-blue-700 hover:underline">
            ← {label}
          </Link>
          <h1 id="matrix-title" className="text-xl font-semibold">
            {en.roles.title(label)}
          </h1>
          <p className="text-sm text-slate-600">{type === 'roles' ? en.roles.backOfficeHelp : en.roles.storefrontHelp}</p>
        </div>
        <div className="flex gap-2">
          <Button
            disabled={(!edited && added.length === 0) || save.isPending}
            onClick={() => {
              setEdited(null);
              setAdded([]);
            }}
          >
            {en.roles.reset}
          </Button>
          <Button variant="primary" disabled={!edited || save.isPending} onClick={() => save.mutate(matrix)}>
            {save.isPending ? en.record.saving : en.record.save}
          </Button>
        </div>
      </div>
      {notice && (
        <Alert tone={notice.tone} onClose={() => setNotice(null)}>
          {notice.text}
        </Alert>
      )}
      {addable.length > 0 && (
        <div className="mb-2 flex items-center gap-2 text-sm">
          <label htmlFor={addId}>{en.roles.add}</label>
          <select
            id={addId}
            value=""
            onChange={(e) => e.target.value && setAdded((rows) => [...rows, e.target.value])}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 text-sm"
          >
            <option value="">{en.roles.choose}</option>
            {addable.map((row) => (
              <option key={row} value={row}>
                {rowLabel(row)}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{en.roles.title(label)}</caption>
          <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              <th scope="col" className="px-2 py-1.5">
                {en.roles.resource}
              </th>
              {PERMISSIONS.map((permission) => (
                <th key={permission} scope="col" className="px-2 py-1.5">
                  {permission}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row} className="border-t border-slate-100">
                <th scope="row" className="whitespace-nowrap px-2 py-1 text-left font-medium">
                  {rowLabel(row)}
                </th>
                {PERMISSIONS.map((permission) => {
                  const level = matrix.get(row)?.get(permission);
                  const changed = level !== stored.get(row)?.get(permission);
                  return (
                    <td key={permission} className="px-2 py-1">
                      <select
                        aria-label={`${rowLabel(row)} ${permission}`}
                        value={level ?? ''}
                        onChange={(e) => setEdited(withCell(matrix, row, permission, e.target.value || undefined))}
                        className={`rounded border px-1 py-0.5 text-sm ${changed ? 'border-blue-500 bg-blue-50' : 'border-slate-300 bg-white'}`}
                      >
                        {type === 'roles' && <option value="">{en.roles.notGranted}</option>}
                        {kind.levels(row).map((option) => (
                          <option key={option} value={option}>
                            {en.roles.level(option)}
                          </option>
                        ))}
                      </select>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
