import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { flexRender, getCoreRowModel, useReactTable, type ColumnDef, type RowSelectionState } from '@tanstack/react-table';
import { DropdownMenu } from 'radix-ui';
import { useMemo, useState } from 'react';
import { isComplete, type FilterClause } from '../api/filters';
import { indexIncluded, JsonApiError, type ResourceObject } from '../api/json-api-client';
import { recordLabel, type ResourceModel } from '../api/resource-model';
import { GridLinks } from '../app/page-links';
import { api, queryClient, useApiDocument, useResourceModel, useServedTypes } from '../app/services';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { Pager, TableNotice } from '../components/ui/table-parts';
import { Select } from '../components/ui/input';
import { ConfirmDialog } from '../components/ui/confirm-dialog';
import { en, humanize, resourceLabel } from '../i18n/en';
import { ExportButton } from '../import-export/export-button';
import { ImportDialog } from '../import-export/import-dialog';
import { importExportTypes } from '../import-export/import-export-model';
import { availableColumns, defaultColumns, type GridColumn } from './grid-columns';
import { PAGE_SIZES, type GridSearch } from './grid-search';
import { FilterBar } from './filter-bar';
import { filterFields, widenDates } from './filter-fields';
import { formatValue } from './format-value';

const route = getRouteApi('/signed-in/$type');

/** The generic grid of any listed resource, driven by its OpenAPI description; its state lives in the URL. */
export function GridPage() {
  const { type } = route.useParams();
  const model = useResourceModel(type);
  if (model === undefined) return <p>{en.grid.loading}</p>;
  if (model === null || !model.can.list) return <Alert>{en.record.notFound}</Alert>;
  return <Grid key={type} model={model} />;
}

function Grid({ model }: { model: ResourceModel }) {
  const { type } = model;
  const served = useServedTypes();
  const { data: document } = useApiDocument();
  const offered = useMemo(() => (document ? importExportTypes(document) : undefined), [document]);
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [notice, setNotice] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [selection, setSelection] = useState<RowSelectionState>({});
  const page = search.page ?? 1;
  const size = search.size ?? PAGE_SIZES[0];
  const columns = availableColumns(model);
  const visible = (search.cols ?? defaultColumns(model)).filter((id) => columns.some((c) => c.id === id));
  const fields = useMemo(() => filterFields(model), [model]);
  const kindOf = new Map(fields.map((f) => [f.name, f.kind]));
  const clauses = (search.filters ?? []).filter(isComplete);
  // What the list reads and the export writes: the same filters and sort.
  const listFilters = clauses.map((c) => widenDates(c, kindOf.get(c.field) ?? ''));
  const shownRelationships = columns.filter((c) => c.relationship && visible.includes(c.id)).map((c) => c.id);

  const setSearch = (change: Partial<GridSearch>) => {
    setSelection({});
    void navigate({ search: (previous: GridSearch) => ({ ...previous, ...change }) });
  };

  const list = useQuery({
    queryKey: ['list', type, clauses, search.sort, page, size, shownRelationships],
    placeholderData: keepPreviousData,
    queryFn: () =>
      api.list(type, {
        filters: listFilters,
        sort: search.sort ? [search.sort] : undefined,
        page: { number: page, size },
        include: shownRelationships,
        title: model.hasTitle,
      }),
  });
  const included = useMemo(() => indexIncluded(list.data?.included ?? []), [list.data]);

  const refused = (error: unknown) => setNotice({ tone: 'error', text: error instanceof JsonApiError ? error.message : en.common.error });
  const removeOne = useMutation({
    mutationFn: (id: string) => api.remove(type, id),
    onSuccess: () => {
      setNotice({ tone: 'success', text: en.grid.deleted(1) });
      void queryClient.invalidateQueries({ queryKey: ['list', type] });
    },
    onError: refused,
  });
  const removeMany = useMutation({
    mutationFn: (ids: string[]) => api.removeMany(type, ids),
    onSuccess: (count) => {
      setSelection({});
      setNotice({ tone: 'success', text: en.grid.deleted(count) });
      void queryClient.invalidateQueries({ queryKey: ['list', type] });
    },
    onError: refused,
  });

  const tableColumns = useMemo<ColumnDef<ResourceObject>[]>(() => {
    const selectColumn: ColumnDef<ResourceObject> = {
      id: '_select',
      header: ({ table }) => (
        <input type="checkbox" aria-label={en.grid.selectAll} checked={table.getIsAllRowsSelected()} onChange={table.getToggleAllRowsSelectedHandler()} />
      ),
      cell: ({ row }) => (
        <input type="checkbox" aria-label={en.grid.selectRow(recordLabel(row.original))} checked={row.getIsSelected()} onChange={row.getToggleSelectedHandler()} />
      ),
    };
    const dataColumns = visible.map((id): ColumnDef<ResourceObject> => {
      const column = columns.find((c) => c.id === id) as GridColumn;
      return { id, header: humanize(id), cell: ({ row }) => <Cell column={column} record={row.original} included={included} /> };
    });
    const actions: ColumnDef<ResourceObject> = {
      id: '_actions',
      header: () => <span className="sr-only">{en.grid.actions}</span>,
      cell: ({ row }) => (
        <div className="flex justify-end gap-1">
          {model.can.get && (
            <Link to="/$type/$id" params={{ type, id: row.original.id }} className="rounded px-1.5 py-0.5 text-xs text-blue-700 hover:bg-blue-50">
              {en.grid.view}
            </Link>
          )}
          {model.can.update && (
            <Link to="/$type/$id/edit" params={{ type, id: row.original.id }} className="rounded px-1.5 py-0.5 text-xs text-blue-700 hover:bg-blue-50">
              {en.grid.edit}
            </Link>
          )}
          {model.can.delete && (
            <ConfirmDialog message={en.grid.confirmDelete(recordLabel(row.original))} confirmLabel={en.grid.delete} onConfirm={() => removeOne.mutate(row.original.id)}>
              <button type="button" className="rounded px-1.5 py-0.5 text-xs text-red-700 hover:bg-red-50">
                {en.grid.delete}
              </button>
            </ConfirmDialog>
          )}
        </div>
      ),
    };
    return [...(model.can.deleteList ? [selectColumn] : []), ...dataColumns, actions];
    // Keyed by the visible columns' names: the array itself is rebuilt on every render.
  }, [visible.join(','), included, model]);

  const table = useReactTable({
    data: list.data?.data ?? [],
    columns: tableColumns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => row.id,
    manualPagination: true,
    manualSorting: true,
    state: { rowSelection: selection },
    onRowSelectionChange: setSelection,
  });
  const selectedIds = Object.keys(selection).filter((id) => selection[id]);
  const total = list.data?.total ?? null;
  const shown = list.data?.data.length ?? 0;
  const from = shown ? (page - 1) * size + 1 : 0;
  const lastPage = total !== null ? Math.max(1, Math.ceil(total / size)) : undefined;

  return (
    <section aria-labelledby="grid-title">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <h1 id="grid-title" className="text-xl font-semibold">
          {resourceLabel(type)}
        </h1>
        <div className="flex items-center gap-2">
          {model.can.deleteList && selectedIds.length > 0 && (
            <ConfirmDialog message={en.grid.confirmDeleteMany(selectedIds.length)} confirmLabel={en.grid.delete} onConfirm={() => removeMany.mutate(selectedIds)}>
              <Button variant="danger">{en.grid.deleteSelected(selectedIds.length)}</Button>
            </ConfirmDialog>
          )}
          {served && <GridLinks type={type} selectedIds={selectedIds} served={served} />}
          {offered?.exports.has(type) && <ExportButton type={type} filters={listFilters} sort={search.sort} onDone={setNotice} />}
          {offered?.imports.has(type) && model.can.create && <ImportDialog type={type} />}
          <ColumnChooser columns={columns} visible={visible} onChange={(cols) => setSearch({ cols })} />
          {model.can.create && (
            <Link to="/$type/new" params={{ type }} className="rounded border border-blue-600 bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
              {en.grid.create}
            </Link>
          )}
        </div>
      </div>
      {notice && (
        <Alert tone={notice.tone} onClose={() => setNotice(null)}>
          {notice.text}
        </Alert>
      )}
      <FilterBar fields={fields} clauses={search.filters ?? []} onChange={(filters: FilterClause[]) => setSearch({ filters: filters.length ? filters : undefined, page: undefined })} />
      {list.error && <Alert>{list.error instanceof JsonApiError ? list.error.message : en.common.error}</Alert>}
      <div className="overflow-x-auto rounded border border-slate-200 bg-white">
        <table className="w-full border-collapse text-sm" aria-busy={list.isFetching}>
          <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-600">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const attribute = columns.find((c) => c.id === header.id)?.attribute;
                  const direction = search.sort === header.id ? 'ascending' : search.sort === `-${header.id}` ? 'descending' : undefined;
                  return (
                    <th key={header.id} scope="col" aria-sort={direction} className="whitespace-nowrap border-b border-slate-200 px-2 py-1.5 font-semibold">
                      {attribute?.sortable ? (
                        <button
                          type="button"
                          aria-label={en.grid.sortBy(humanize(header.id))}
                          className="inline-flex items-center gap-1 uppercase hover:text-slate-900"
                          onClick={() => setSearch({ sort: direction === 'ascending' ? `-${header.id}` : direction === 'descending' ? undefined : header.id, page: undefined })}
                        >
                          {flexRender(header.column.columnDef.header, header.getContext())}
                          <span aria-hidden>{direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : '↕'}</span>
                        </button>
                      ) : (
                        flexRender(header.column.columnDef.header, header.getContext())
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className="border-b border-slate-100 hover:bg-slate-50">
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id} className="max-w-xs truncate px-2 py-1">
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                ))}
              </tr>
            ))}
            {list.data && shown === 0 && <TableNotice columns={tableColumns.length}>{en.grid.noRecords}</TableNotice>}
            {!list.data && list.isLoading && <TableNotice columns={tableColumns.length}>{en.grid.loading}</TableNotice>}
          </tbody>
        </table>
      </div>
      <Pager
        from={from}
        shown={shown}
        total={total}
        page={page}
        lastPage={lastPage}
        hasNext={!!list.data?.hasNext}
        onPage={(next) => setSearch({ page: next > 1 ? next : undefined })}
      >
        <label className="flex items-center gap-1 whitespace-nowrap">
          {en.grid.pageSize}
          <Select value={size} onChange={(e) => setSearch({ size: Number(e.target.value), page: undefined })} className="!w-20">
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </label>
      </Pager>
    </section>
  );
}

function Cell({ column, record, included }: { column: GridColumn; record: ResourceObject; included: Map<string, ResourceObject> }) {
  if (column.attribute) return <>{formatValue(column.attribute, record.attributes?.[column.id])}</>;
  const linkage = record.relationships?.[column.id]?.data;
  if (!linkage || Array.isArray(linkage)) return <>{en.record.none}</>;
  const related = included.get(`${linkage.type}:${linkage.id}`);
  return (
    <Link to="/$type/$id" params={{ type: linkage.type, id: linkage.id }} className="text-blue-700 hover:underline">
      {related ? recordLabel(related) : `#${linkage.id}`}
    </Link>
  );
}

function ColumnChooser({ columns, visible, onChange }: { columns: GridColumn[]; visible: string[]; onChange: (cols: string[]) => void }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <Button>{en.grid.columns}</Button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className="z-40 max-h-96 overflow-auto rounded-md border border-slate-200 bg-white p-1 shadow-lg">
          {columns.map((column) => (
            <DropdownMenu.CheckboxItem
              key={column.id}
              checked={visible.includes(column.id)}
              onCheckedChange={(checked) => onChange(checked ? columns.map((c) => c.id).filter((id) => id === column.id || visible.includes(id)) : visible.filter((id) => id !== column.id))}
              onSelect={(e) => e.preventDefault()}
              className="flex cursor-pointer items-center gap-2 rounded px-3 py-1 text-sm outline-none data-[highlighted]:bg-slate-100"
            >
              <span aria-hidden className="w-3">
                {visible.includes(column.id) ? '✓' : ''}
              </span>
              {humanize(column.id)}
            </DropdownMenu.CheckboxItem>
          ))}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
