import { useQuery } from '@tanstack/react-query';
import { Popover } from 'radix-ui';
import { useId, useState } from 'react';
import type { Identifier } from '../api/json-api-client';
import { recordLabel, searchAttribute } from '../api/resource-model';
import { api, useResourceModel } from '../app/services';
import { en, resourceLabel } from '../i18n/en';

export interface PickedRecord extends Identifier {
  label: string;
}

/**
 * Chooses records of a type by searching them by name (the type's best text attribute with `contains`); one record
 * for a to-one relationship, several for a to-many one or a filter.
 */
export function RecordPicker({
  target,
  value,
  onChange,
  many = false,
  label,
  invalid,
}: {
  target: string;
  value: PickedRecord[];
  onChange: (value: PickedRecord[]) => void;
  many?: boolean;
  label: string;
  invalid?: boolean;
}) {
  const model = useResourceModel(target);
  const [open, setOpen] = useState(false);
  const [term, setTerm] = useState('');
  const listId = useId();
  const by = model ? searchAttribute(model) : undefined;
  const results = useQuery({
    queryKey: ['picker', target, by?.name, term],
    enabled: open && Boolean(model),
    queryFn: () =>
      api.list(target, {
        filters: by && term.trim() ? [{ field: by.name, op: 'contains', value: term }] : [],
        page: { number: 1, size: 10 },
        title: model?.hasTitle,
        sort: by?.sortable ? [by.name] : undefined,
      }),
  });
  const chosen = new Set(value.map((v) => v.id));
  const pick = (record: PickedRecord) => {
    if (many) onChange(chosen.has(record.id) ? value.filter((v) => v.id !== record.id) : [...value, record]);
    else {
      onChange([record]);
      setOpen(false);
    }
  };
  return (
    <div className="flex flex-wrap items-center gap-1">
      {value.map((record) => (
        <span key={record.id} className="inline-flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 text-sm">
          {record.label}
          <button type="button" aria-label={`${en.record.clear} ${record.label}`} onClick={() => onChange(value.filter((v) => v.id !== record.id))}>
            ×
          </button>
        </span>
      ))}
      <Popover.Root open={open} onOpenChange={setOpen}>
        <Popover.Trigger asChild>
          <button
            type="button"
            aria-label={label}
            aria-invalid={invalid || undefined}
            className="rounded border border-slate-300 bg-white px-2 py-1 text-sm text-slate-700 hover:bg-slate-50 aria-invalid:border-red-500"
          >
            {en.record.choose}
          </button>
        </Popover.Trigger>
        <Popover.Portal>
          <Popover.Content align="start" sideOffset={4} className="z-50 w-72 rounded-md border border-slate-200 bg-white p-2 shadow-lg">
            <input
              autoFocus
              type="search"
              aria-label={`${en.filter.search} ${resourceLabel(target)}`}
              aria-controls={listId}
              placeholder={en.filter.search}
              value={term}
              onChange={(e) => setTerm(e.target.value)}
              className="mb-2 block w-full rounded border border-slate-300 px-2 py-1 text-sm"
            />
            <ul id={listId} role="listbox" aria-multiselectable={many} className="max-h-64 overflow-auto">
              {results.isLoading && <li className="px-2 py-1 text-sm text-slate-500">{en.grid.loading}</li>}
              {results.data?.data.length === 0 && <li className="px-2 py-1 text-sm text-slate-500">{en.grid.noRecords}</li>}
              {results.data?.data.map((record) => {
                const item = { type: record.type, id: record.id, label: recordLabel(record) };
                return (
                  <li key={record.id} role="option" aria-selected={chosen.has(record.id)}>
                    <button
                      type="button"
                      onClick={() => pick(item)}
                      className="block w-full rounded px-2 py-1 text-left text-sm hover:bg-slate-100 aria-selected:font-semibold"
                    >
                      {chosen.has(record.id) ? '✓ ' : ''}
                      {item.label}
                    </button>
                  </li>
                );
              })}
            </ul>
          </Popover.Content>
        </Popover.Portal>
      </Popover.Root>
    </div>
  );
}
