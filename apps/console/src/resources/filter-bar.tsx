import { DropdownMenu, Popover } from 'radix-ui';
import { useState } from 'react';
import type { ChipOperator, FilterClause } from '../api/filters';
import { Button } from '../components/ui/button';
import { Input, Select } from '../components/ui/input';
import { en } from '../i18n/en';
import { describeClause, emptyClause, type FilterField } from './filter-fields';
import { RecordPicker } from './record-picker';

/** Filter chips above a grid: each opens an editor with the operators of its field's type. */
export function FilterBar({ fields, clauses, onChange }: { fields: FilterField[]; clauses: FilterClause[]; onChange: (clauses: FilterClause[]) => void }) {
  const [editing, setEditing] = useState<number | null>(null);
  // A chip being added: shown with its editor open, and in the URL only once applied.
  const [adding, setAdding] = useState<FilterField | null>(null);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const replace = (index: number, clause: FilterClause | null) => onChange(clauses.flatMap((c, i) => (i !== index ? [c] : clause ? [clause] : [])));
  return (
    <div className="mb-3 flex flex-wrap items-center gap-2" role="group" aria-label="Filters">
      {clauses.map((clause, index) => {
        const field = byName.get(clause.field);
        const text = describeClause(clause, field);
        return (
          <span key={`${clause.field}-${index}`} className="inline-flex items-center rounded-full border border-blue-200 bg-blue-50 text-sm text-blue-900">
            <Popover.Root open={editing === index} onOpenChange={(open) => setEditing(open ? index : null)}>
              <Popover.Trigger asChild>
                <button type="button" className="rounded-l-full px-3 py-1" data-testid="filter-chip">
                  {text}
                </button>
              </Popover.Trigger>
              <Popover.Portal>
                <Popover.Content align="start" sideOffset={4} className="z-40 w-80 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
                  {field && (
                    <ClauseEditor
                      field={field}
                      clause={clause}
                      onApply={(next) => {
                        replace(index, next);
                        setEditing(null);
                      }}
                    />
                  )}
                </Popover.Content>
              </Popover.Portal>
            </Popover.Root>
            <button type="button" aria-label={en.filter.remove(text)} className="rounded-r-full px-2 py-1 hover:bg-blue-100" onClick={() => replace(index, null)}>
              ×
            </button>
          </span>
        );
      })}
      {adding && (
        <span className="inline-flex items-center rounded-full border border-blue-200 bg-blue-50 text-sm text-blue-900">
          <Popover.Root open onOpenChange={(open) => !open && setAdding(null)}>
            <Popover.Trigger asChild>
              <button type="button" className="rounded-full px-3 py-1">
                {adding.label} …
              </button>
            </Popover.Trigger>
            <Popover.Portal>
              <Popover.Content align="start" sideOffset={4} className="z-40 w-80 rounded-md border border-slate-200 bg-white p-3 shadow-lg">
                <ClauseEditor
                  field={adding}
                  clause={emptyClause(adding)}
                  onApply={(clause) => {
                    onChange([...clauses, clause]);
                    setAdding(null);
                  }}
                />
              </Popover.Content>
            </Popover.Portal>
          </Popover.Root>
        </span>
      )}
      <DropdownMenu.Root>
        <DropdownMenu.Trigger asChild>
          <Button size="sm">+ {en.grid.addFilter}</Button>
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content
            align="start"
            sideOffset={4}
            // Focus goes to the new chip's editor, not back to this menu's button.
            onCloseAutoFocus={(e) => e.preventDefault()}
            className="z-40 max-h-80 overflow-auto rounded-md border border-slate-200 bg-white p-1 shadow-lg"
          >
            {fields.map((field) => (
              <DropdownMenu.Item
                key={field.name}
                className="cursor-pointer rounded px-3 py-1 text-sm outline-none data-[highlighted]:bg-slate-100"
                onSelect={() => setAdding(field)}
              >
                {field.label}
              </DropdownMenu.Item>
            ))}
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      {clauses.length > 0 && (
        <Button size="sm" variant="ghost" onClick={() => onChange([])}>
          {en.grid.clearFilters}
        </Button>
      )}
    </div>
  );
}

function ClauseEditor({ field, clause, onApply }: { field: FilterField; clause: FilterClause; onApply: (clause: FilterClause) => void }) {
  const [draft, setDraft] = useState<FilterClause>(clause);
  const setOp = (op: ChipOperator) =>
    setDraft({ field: field.name, op, value: op === 'between' ? ['', ''] : op === 'exists' ? 'true' : draft.op === 'between' || draft.op === 'exists' ? (field.kind === 'enum' || field.kind === 'relationship' ? [] : '') : draft.value });
  const inputType = field.kind === 'integer' || field.kind === 'decimal' ? 'number' : field.kind === 'date' || field.kind === 'datetime' ? 'date' : 'text';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        onApply(draft);
      }}
      className="space-y-2"
    >
      <div className="text-sm font-semibold">{field.label}</div>
      <label className="block text-xs text-slate-600">
        {en.filter.operator}
        <Select aria-label={en.filter.operator} value={draft.op} onChange={(e) => setOp(e.target.value as ChipOperator)} className="mt-1">
          {field.operators.map((op) => (
            <option key={op} value={op}>
              {en.filter.operators[op] ?? op}
            </option>
          ))}
        </Select>
      </label>
      {draft.op === 'exists' ? (
        <label className="block text-xs text-slate-600">
          {en.filter.value}
          <Select value={String(draft.value)} onChange={(e) => setDraft({ ...draft, value: e.target.value })} className="mt-1">
            <option value="true">{en.filter.operators.exists}</option>
            <option value="false">{en.filter.operators.empty}</option>
          </Select>
        </label>
      ) : draft.op === 'between' ? (
        <div className="flex gap-2">
          {[en.filter.from, en.filter.to].map((label, i) => (
            <label key={label} className="block flex-1 text-xs text-slate-600">
              {label}
              <Input
                type={inputType}
                step="any"
                value={(draft.value as string[])[i] ?? ''}
                onChange={(e) => {
                  const next = [...(draft.value as string[])];
                  next[i] = e.target.value;
                  setDraft({ ...draft, value: next });
                }}
                className="mt-1"
              />
            </label>
          ))}
        </div>
      ) : field.kind === 'relationship' && field.target ? (
        <RecordPicker
          target={field.target}
          many
          label={`${en.filter.value}: ${field.label}`}
          value={(Array.isArray(draft.value) ? draft.value : []).map((id, i) => ({ type: field.target!, id, label: draft.labels?.[i] ?? `#${id}` }))}
          onChange={(records) => setDraft({ ...draft, value: records.map((r) => r.id), labels: records.map((r) => r.label) })}
        />
      ) : field.kind === 'enum' ? (
        <fieldset className="space-y-1">
          <legend className="text-xs text-slate-600">{en.filter.value}</legend>
          {field.enumValues.map((option) => {
            const values = Array.isArray(draft.value) ? draft.value : [];
            return (
              <label key={option} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={values.includes(option)}
                  onChange={(e) => setDraft({ ...draft, value: e.target.checked ? [...values, option] : values.filter((v) => v !== option) })}
                />
                {option}
              </label>
            );
          })}
        </fieldset>
      ) : field.kind === 'boolean' ? (
        <label className="block text-xs text-slate-600">
          {en.filter.value}
          <Select value={String(draft.value)} onChange={(e) => setDraft({ ...draft, value: e.target.value })} className="mt-1">
            <option value="">{en.record.choose}</option>
            <option value="true">{en.filter.yes}</option>
            <option value="false">{en.filter.no}</option>
          </Select>
        </label>
      ) : (
        <label className="block text-xs text-slate-600">
          {en.filter.value}
          <Input autoFocus type={inputType} step="any" value={String(draft.value)} onChange={(e) => setDraft({ ...draft, value: e.target.value })} className="mt-1" />
        </label>
      )}
      <div className="flex justify-end">
        <Button type="submit" variant="primary" size="sm">
          {en.filter.apply}
        </Button>
      </div>
    </form>
  );
}
