import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link, Navigate } from '@tanstack/react-router';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { placeErrors } from '../api/field-errors';
import { JsonApiError } from '../api/json-api-client';
import { api, useApiDocument } from '../app/services';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { Input, Select, Textarea } from '../components/ui/input';
import { useUnsavedWarning } from '../components/use-unsaved-warning';
import { en, humanize } from '../i18n/en';
import { fromInput, settingsSections, toInput, type SettingField, type SettingsSectionModel } from './settings-model';

const route = getRouteApi('/signed-in/settings/$section');
/** How often a section is read again while background work it started is running. */
const PROGRESS_POLL_MS = 1000;
/** After a save, how long the section is read again for work that the change queued but that has not begun yet. */
const WATCH_AFTER_SAVE_MS = 20_000;

type Draft = Record<string, string | boolean | Record<string, string>>;
interface SectionDocument {
  data: { id: string; attributes: Record<string, unknown> };
}

export function useSettingsSections(): SettingsSectionModel[] | undefined {
  const { data } = useApiDocument();
  return useMemo(() => (data ? settingsSections(data) : undefined), [data]);
}

/** `/settings`: the first section. */
export function SettingsIndexPage() {
  const sections = useSettingsSections();
  if (!sections) return <p>{en.grid.loading}</p>;
  if (sections.length === 0) return <Alert>{en.settings.none}</Alert>;
  return <Navigate to="/settings/$section" params={{ section: sections[0].name }} replace />;
}

/** A settings section (Oro's system configuration page) generated from its schema, with its read-only progress. */
export function SettingsPage() {
  const { section: name } = route.useParams();
  const sections = useSettingsSections();
  if (!sections) return <p>{en.grid.loading}</p>;
  const section = sections.find((s) => s.name === name);
  return (
    <div className="grid gap-4 md:grid-cols-[12rem_1fr]">
      <nav aria-label={en.settings.title}>
        <h1 className="mb-2 text-xl font-semibold">{en.settings.title}</h1>
        <ul className="space-y-1">
          {sections.map((s) => (
            <li key={s.name}>
              <Link
                to="/settings/$section"
                params={{ section: s.name }}
                className="block rounded px-2 py-1 text-sm hover:bg-slate-100"
                activeProps={{ className: 'bg-slate-200 font-medium', 'aria-current': 'page' }}
              >
                {en.settings.section(s.name)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {section ? <SectionForm key={section.name} section={section} /> : <Alert>{en.record.notFound}</Alert>}
    </div>
  );
}

function draftOf(section: SettingsSectionModel, attributes: Record<string, unknown>): Draft {
  const draft: Draft = {};
  for (const field of section.fields) {
    const value = attributes[field.name];
    if (field.readOnly) continue;
    if (field.kind === 'boolean') draft[field.name] = Boolean(value);
    else if (field.kind === 'numberMap') draft[field.name] = Object.fromEntries(field.keys.map((k) => [k, toInput(field, (value as Record<string, unknown> | null)?.[k])]));
    else draft[field.name] = toInput(field, value);
  }
  return draft;
}

function SectionForm({ section }: { section: SettingsSectionModel }) {
  const queries = useQueryClient();
  const progressFields = section.fields.filter((f) => f.kind === 'progress');
  const [watchUntil, setWatchUntil] = useState(0);
  const current = useQuery({
    queryKey: ['settings', section.name],
    queryFn: () => api.read<SectionDocument>(`/settings/${section.name}`),
    // Background work the section started (a strategy switch, the linking of existing customers) is followed live.
    refetchInterval: (query) =>
      progressFields.some((f) => (query.state.data?.data.attributes[f.name] as { state?: string } | null)?.state === 'running') ||
      (progressFields.length > 0 && Date.now() < watchUntil)
        ? PROGRESS_POLL_MS
        : false,
  });
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<{ fields: Record<string, string[]>; general: string[] }>({ fields: {}, general: [] });
  const [saved, setSaved] = useState(false);
  const loaded = current.data?.data.attributes;
  useUnsavedWarning(Boolean(draft && loaded && JSON.stringify(draft) !== JSON.stringify(draftOf(section, loaded))));
  useEffect(() => {
    if (loaded && draft === null) setDraft(draftOf(section, loaded));
  }, [loaded, draft, section]);

  const save = useMutation({
    mutationFn: (attributes: Record<string, unknown>) => api.send<SectionDocument>('PATCH', `/settings/${section.name}`, { data: { type: 'settings', id: section.name, attributes } }),
    onSuccess: (document) => {
      queries.setQueryData(['settings', section.name], document);
      setDraft(draftOf(section, document.data.attributes));
      setSaved(true);
      setWatchUntil(Date.now() + WATCH_AFTER_SAVE_MS);
    },
    onError: (error) => {
      const known = new Set(section.fields.map((f) => f.name));
      setErrors(error instanceof JsonApiError ? placeErrors(error.errors, known) : { fields: {}, general: [en.common.error] });
    },
  });

  if (current.isLoading || !draft || !loaded) return <p>{en.grid.loading}</p>;
  if (current.error) return <Alert>{current.error instanceof JsonApiError ? current.error.message : en.common.error}</Alert>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const before = draftOf(section, loaded);
    const attributes: Record<string, unknown> = {};
    const local: Record<string, string[]> = {};
    for (const field of section.fields.filter((f) => !f.readOnly)) {
      const value = draft[field.name];
      if (JSON.stringify(value) === JSON.stringify(before[field.name])) continue;
      if (typeof value === 'boolean') attributes[field.name] = value;
      else if (typeof value === 'object') {
        const entries = field.keys.map((k) => [k, fromInput({ ...field, kind: 'number', nullable: false }, value[k])] as const);
        const bad = entries.find(([, r]) => 'error' in r);
        if (bad) local[field.name] = [`${humanize(bad[0])}: ${(bad[1] as { error: string }).error}`];
        else attributes[field.name] = Object.fromEntries(entries.map(([k, r]) => [k, (r as { value: unknown }).value]));
      } else {
        const result = fromInput(field, value);
        if ('error' in result) local[field.name] = [result.error];
        else attributes[field.name] = result.value;
      }
    }
    setErrors({ fields: local, general: [] });
    if (Object.keys(local).length === 0 && Object.keys(attributes).length > 0) save.mutate(attributes);
  };

  return (
    <form onSubmit={submit} aria-labelledby="section-title" className="max-w-2xl space-y-4 rounded border border-slate-200 bg-white p-4" noValidate>
      <div>
        <h2 id="section-title" className="text-lg font-semibold">
          {en.settings.section(section.name)}
        </h2>
        <p className="text-sm text-slate-600">{section.description}</p>
      </div>
      {errors.general.length > 0 && <Alert>{errors.general.join(' ')}</Alert>}
      {saved && (
        <Alert tone="success" onClose={() => setSaved(false)}>
          {en.record.saved}
        </Alert>
      )}
      {section.fields.map((field) =>
        field.readOnly ? (
          <ReadOnlyField key={field.name} field={field} value={loaded[field.name]} />
        ) : (
          <EditableField
            key={field.name}
            field={field}
            value={draft[field.name]}
            errors={errors.fields[field.name]}
            onChange={(value) => setDraft((previous) => ({ ...(previous ?? {}), [field.name]: value }))}
          />
        ),
      )}
      <div className="flex justify-end">
        <Button type="submit" variant="primary" disabled={save.isPending}>
          {save.isPending ? en.record.saving : en.record.save}
        </Button>
      </div>
    </form>
  );
}

function EditableField({ field, value, errors, onChange }: { field: SettingField; value: Draft[string]; errors?: string[]; onChange: (value: Draft[string]) => void }) {
  const id = useId();
  const help = field.description ? `${id}-help` : undefined;
  const error = errors?.length ? `${id}-error` : undefined;
  const describedBy = [help, error].filter(Boolean).join(' ') || undefined;
  const invalid = Boolean(error) || undefined;
  const label = humanize(field.name);
  let control;
  if (field.kind === 'boolean') {
    return (
      <div>
        <label className="flex items-center gap-2 text-sm font-medium">
          <input type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} aria-describedby={describedBy} aria-invalid={invalid} />
          {label}
        </label>
        <FieldNotes help={help} field={field} error={error} errors={errors} />
      </div>
    );
  }
  if (field.kind === 'numberMap' && typeof value === 'object') {
    return (
      <fieldset aria-describedby={describedBy}>
        <legend className="mb-1 text-sm font-medium">{label}</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {field.keys.map((key) => (
            <label key={key} className="text-xs text-slate-600">
              {humanize(key)}
              <Input type="number" step="any" min={field.minimum} max={field.maximum} value={value[key] ?? ''} aria-invalid={invalid} onChange={(e) => onChange({ ...value, [key]: e.target.value })} />
            </label>
          ))}
        </div>
        <FieldNotes help={help} field={field} error={error} errors={errors} />
      </fieldset>
    );
  }
  if (field.kind === 'enum') {
    control = (
      <Select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid}>
        {field.nullable && <option value="">{en.record.none}</option>}
        {field.enumValues.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </Select>
    );
  } else if (field.kind === 'json') {
    control = <Textarea id={id} rows={4} value={String(value)} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />;
  } else {
    control = (
      <Input id={id} type={field.kind === 'number' ? 'number' : 'text'} value={String(value)} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid} />
    );
  }
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {control}
      <FieldNotes help={help} field={field} error={error} errors={errors} />
    </div>
  );
}

function FieldNotes({ help, field, error, errors }: { help?: string; field: SettingField; error?: string; errors?: string[] }) {
  return (
    <>
      {help && (
        <p id={help} className="mt-1 text-xs text-slate-500">
          {field.description}
        </p>
      )}
      {error && (
        <p id={error} role="alert" className="mt-1 text-sm text-red-700" data-testid={`error-${field.name}`}>
          {errors!.join(' ')}
        </p>
      )}
    </>
  );
}

interface Progress {
  state: string;
  done: number;
  total: number;
  startedAt?: string;
  finishedAt?: string | null;
  customersPerSecond?: number;
}

/** Background work a setting started: its state and how far it got (null: it never ran). */
function ReadOnlyField({ field, value }: { field: SettingField; value: unknown }) {
  const label = humanize(field.name);
  if (field.kind !== 'progress') {
    return (
      <div>
        <div className="text-sm font-medium">{label}</div>
        <div className="text-sm">{value === null || value === undefined ? en.record.none : typeof value === 'object' ? JSON.stringify(value) : String(value)}</div>
      </div>
    );
  }
  const progress = value as Progress | null;
  return (
    <section aria-label={label} className="rounded border border-slate-200 bg-slate-50 p-3" data-testid={`progress-${field.name}`}>
      <div className="text-sm font-medium">{label}</div>
      {field.description && <p className="text-xs text-slate-500">{field.description}</p>}
      {progress ? (
        <div className="mt-2 space-y-1 text-sm" aria-live="polite">
          <progress className="w-full" max={Math.max(progress.total, 1)} value={progress.state === 'finished' && progress.total === 0 ? 1 : progress.done} aria-label={label} />
          <div>{en.settings.progress(progress.state, progress.done, progress.total)}</div>
          {progress.customersPerSecond !== undefined && <div className="text-xs text-slate-500">{en.settings.rate(progress.customersPerSecond)}</div>}
        </div>
      ) : (
        <p className="mt-1 text-sm text-slate-600">{en.settings.neverRan}</p>
      )}
    </section>
  );
}
