import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { JsonApiError } from '../api/json-api-client';
import { api, session } from '../app/services';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { Pager, TableNotice } from '../components/ui/table-parts';
import { en, resourceLabel } from '../i18n/en';
import { byRow } from '../import-export/import-export-model';
import { saveFile } from '../import-export/save-file';
import { formatValue } from '../resources/format-value';
import { filePath, hasErrors, hasFile, isRunning, operationRow, operationsQuery, OPERATIONS_PAGE_SIZE, type OperationRow } from './operations-model';

const route = getRouteApi('/signed-in/operations');
const POLL_MS = 2000;
/** The row errors shown at most (the operation keeps them all). */
const ERRORS_SHOWN = 100;

export function parseOperationsSearch(search: Record<string, unknown>): { page?: number } {
  const page = Number(search.page);
  return Number.isInteger(page) && page > 1 ? { page } : {};
}

/**
 * "Operations": the signed-in user's CSV imports and exports, newest first, a page at a time, with their status and
 * progress (read again every two seconds while one runs), their summary, their row errors and an export's file.
 */
export function OperationsPage() {
  const { page = 1 } = route.useSearch();
  const navigate = route.useNavigate();
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const userId = session.user?.userId ?? '';
  const list = useQuery({
    queryKey: ['operations', userId, page],
    queryFn: async () => {
      const result = await api.list('asyncoperations', operationsQuery(userId, page));
      return { ...result, rows: result.data.map(operationRow) };
    },
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.rows.some(isRunning) ? POLL_MS : false),
  });
  const rows = list.data?.rows ?? [];
  const total = list.data?.total ?? null;
  const from = rows.length ? (page - 1) * OPERATIONS_PAGE_SIZE + 1 : 0;
  const download = async (row: OperationRow) => {
    try {
      const { blob, fileName } = await api.download(filePath(row.id));
      const name = fileName ?? `${row.entityType}-${row.id}.csv`;
      saveFile(blob, name);
      setNotice({ tone: 'success', text: en.importExport.exported(name) });
    } catch (error) {
      setNotice({ tone: 'error', text: error instanceof JsonApiError ? error.message : en.common.error });
    }
  };

  return (
    <section aria-labelledby="operations-title">
      <h1 id="operations-title" className="text-xl font-semibold">
        {en.operations.title}
      </h1>
      <p className="mb-3 text-sm text-slate-600">{en.operations.help}</p>
      {notice && (
        <Alert tone={notice.tone} onClose={() => setNotice(null)}>
          {notice.text}
        </Alert>
      )}
      {list.error && <Alert>{list.error instanceof JsonApiError ? list.error.message : en.common.error}</Alert>}
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm">
          <caption className="sr-only">{en.operations.title}</caption>
          <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600">
            <tr>
              {en.operations.columns.map((column) => (
                <th key={column} scope="col" className="px-2 py-1.5">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <OperationLine key={row.id} row={row} onDownload={() => void download(row)} />
            ))}
            {list.data && rows.length === 0 && <TableNotice columns={en.operations.columns.length}>{en.operations.none}</TableNotice>}
            {!list.data && list.isLoading && <TableNotice columns={en.operations.columns.length}>{en.grid.loading}</TableNotice>}
          </tbody>
        </table>
      </div>
      <Pager
        from={from}
        shown={rows.length}
        total={total}
        page={page}
        hasNext={!!list.data?.hasNext}
        onPage={(next) => void navigate({ search: next > 1 ? { page: next } : {} })}
      />
    </section>
  );
}

function OperationLine({ row, onDownload }: { row: OperationRow; onDownload: () => void }) {
  const [showErrors, setShowErrors] = useState(false);
  const label = `${en.operations.kind(row.kind, row.validateOnly)} #${row.id}`;
  return (
    <>
      <tr className="border-t border-slate-100 align-top" data-testid={`operation-${row.id}`}>
        <th scope="row" className="whitespace-nowrap px-2 py-1.5 text-left font-medium">
          {label}
        </th>
        <td className="px-2 py-1.5">{resourceLabel(row.entityType)}</td>
        <td className="whitespace-nowrap px-2 py-1.5">{formatValue({ kind: 'datetime' }, row.createdAt)}</td>
        <td className="px-2 py-1.5">
          <span className="mr-2">{en.operations.status[row.status] ?? row.status}</span>
          <progress className="w-20 align-middle" max={100} value={row.progress} aria-label={`${en.importExport.progress} ${label}`} />
          <span className="ml-1 text-slate-600">{row.progress}%</span>
        </td>
        <td className="px-2 py-1.5">{row.summary ? en.operations.summary(row.kind, row.summary, row.validateOnly) : en.record.none}</td>
        <td className="whitespace-nowrap px-2 py-1.5">
          <div className="flex gap-2">
            {hasErrors(row) && (
              <Button size="sm" aria-expanded={showErrors} onClick={() => setShowErrors((shown) => !shown)}>
                {en.operations.errors(row.summary?.errorCount ?? 0)}
              </Button>
            )}
            {hasFile(row) && (
              <Button size="sm" aria-label={`${en.operations.download} ${label}`} onClick={onDownload}>
                {en.operations.download}
              </Button>
            )}
          </div>
        </td>
      </tr>
      {showErrors && (
        <tr>
          <td colSpan={en.operations.columns.length} className="bg-slate-50 px-4 py-2">
            <OperationErrors id={row.id} count={row.summary?.errorCount ?? 0} />
          </td>
        </tr>
      )}
    </>
  );
}

function OperationErrors({ id, count }: { id: string; count: number }) {
  const errors = useQuery({
    queryKey: ['asyncoperation-errors', id],
    queryFn: async () => {
      const { data } = await api.read<{ data: Array<{ attributes: { detail?: string; title?: string } }> }>(`/asyncoperations/${encodeURIComponent(id)}/errors?page[size]=${ERRORS_SHOWN}`);
      return byRow(data.map((e) => e.attributes.detail ?? e.attributes.title ?? ''));
    },
  });
  if (errors.error) return <Alert>{errors.error instanceof JsonApiError ? errors.error.message : en.common.error}</Alert>;
  if (!errors.data) return <p>{en.grid.loading}</p>;
  return (
    <div className="text-sm">
      <ul className="max-h-60 list-disc overflow-auto pl-5 text-red-800">
        {errors.data.map((detail, index) => (
          <li key={index}>{detail}</li>
        ))}
      </ul>
      {count > errors.data.length && <p className="mt-1 text-slate-600">{en.importExport.moreErrors(errors.data.length, count)}</p>}
    </div>
  );
}
