import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useBlocker, useNavigate, useParams } from '@tanstack/react-router';
import { useMemo, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { placeErrors } from '../api/field-errors';
import { indexIncluded, JsonApiError } from '../api/json-api-client';
import { recordLabel, type AttributeModel, type ResourceModel } from '../api/resource-model';
import { api, useResourceModel } from '../app/services';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { Input, Select, Textarea } from '../components/ui/input';
import { en, humanize, resourceLabel } from '../i18n/en';
import { formFields, formSchema, initialValues, toWriteResource, type FormValues, type PickedValue } from './form-values';
import { RecordPicker } from './record-picker';
import { useRecord } from './record-view-page';

/** The generic create and edit pages: fields from the OpenAPI document, the server's refusals on their fields. */
export function RecordFormPage({ mode }: { mode: 'create' | 'edit' }) {
  const { type, id } = useParams({ strict: false }) as { type: string; id?: string };
  const model = useResourceModel(type);
  if (model === undefined) return <p>{en.grid.loading}</p>;
  if (model === null || !(mode === 'create' ? model.can.create : model.can.update)) return <Alert>{en.record.notFound}</Alert>;
  return mode === 'edit' ? <EditLoader model={model} id={id!} /> : <RecordForm model={model} mode="create" initial={initialValues(model, 'create')} />;
}

function EditLoader({ model, id }: { model: ResourceModel; id: string }) {
  const record = useRecord(model, id);
  if (record.isLoading) return <p>{en.grid.loading}</p>;
  if (!record.data) return <Alert>{en.record.notFound}</Alert>;
  const data = record.data.data;
  return <RecordForm model={model} mode="edit" id={id} label={recordLabel(data)} initial={initialValues(model, 'edit', { data, included: indexIncluded(record.data.included) })} />;
}

function RecordForm({ model, mode, id, label, initial }: { model: ResourceModel; mode: 'create' | 'edit'; id?: string; label?: string; initial: FormValues }) {
  const navigate = useNavigate();
  const queries = useQueryClient();
  const fields = useMemo(() => formFields(model, mode), [model, mode]);
  const schema = useMemo(() => formSchema(model, mode), [model, mode]);
  const [general, setGeneral] = useState<string[]>([]);
  const leaving = useRef(false);
  const form = useForm<FormValues>({ defaultValues: initial, resolver: zodResolver(schema) as never, mode: 'onSubmit' });
  const { isDirty, isSubmitting, errors, dirtyFields } = form.formState;

  useBlocker({ shouldBlockFn: () => isDirty && !leaving.current && !window.confirm(en.record.unsaved), enableBeforeUnload: () => isDirty && !leaving.current });

  const submit = form.handleSubmit(async (values) => {
    setGeneral([]);
    const resource = toWriteResource(model, mode, values, (name) => Boolean(dirtyFields[name]), id);
    try {
      const saved = mode === 'create' ? await api.create(resource) : await api.update({ ...resource, id: id! });
      leaving.current = true;
      await queries.invalidateQueries({ queryKey: ['list', model.type] });
      await queries.invalidateQueries({ queryKey: ['record', model.type, saved.id] });
      await navigate({ to: '/$type/$id', params: { type: model.type, id: saved.id } });
    } catch (error) {
      if (!(error instanceof JsonApiError)) {
        setGeneral([en.common.error]);
        return;
      }
      const known = new Set([...fields.attributes.map((a) => a.name), ...fields.relationships.map((r) => r.name)]);
      const placed = placeErrors(error.errors, known);
      for (const [name, messages] of Object.entries(placed.fields)) form.setError(name, { type: 'server', message: messages.join(' ') }, { shouldFocus: true });
      setGeneral(placed.general);
    }
  });

  const title = mode === 'create' ? en.record.create(resourceLabel(model.type, false).toLowerCase()) : en.record.editTitle(label ?? '');
  return (
    <form onSubmit={submit} noValidate aria-labelledby="form-title" className="max-w-3xl">
      <Link to="/$type" params={{ type: model.type }} className="text-sm text-blue-700 hover:underline">
        ← {resourceLabel(model.type)}
      </Link>
      <h1 id="form-title" className="mb-3 text-xl font-semibold">
        {title}
      </h1>
      {general.length > 0 && <Alert>{general.join(' ')}</Alert>}
      <div className="grid grid-cols-1 gap-3 rounded border border-slate-200 bg-white p-4 sm:grid-cols-2">
        {fields.attributes.map((attribute) => {
          const error = errors[attribute.name]?.message;
          const errorId = `${attribute.name}-error`;
          return (
            <div key={attribute.name} className={attribute.kind === 'json' || attribute.kind === 'string' && (attribute.maxLength ?? 0) > 255 ? 'sm:col-span-2' : ''}>
              <label htmlFor={`field-${attribute.name}`} className="mb-1 block text-sm font-medium text-slate-700">
                {humanize(attribute.name)}
                {attribute.required && <span aria-hidden className="text-red-600"> *</span>}
              </label>
              <AttributeInput attribute={attribute} form={form} invalid={Boolean(error)} describedBy={[attribute.description && `${attribute.name}-hint`, error && errorId].filter(Boolean).join(' ') || undefined} />
              {attribute.description && (
                <p id={`${attribute.name}-hint`} className="mt-1 text-xs text-slate-500">
                  {attribute.description}
                </p>
              )}
              {error && (
                <p id={errorId} className="mt-1 text-xs text-red-700" data-testid={`error-${attribute.name}`}>
                  {String(error)}
                </p>
              )}
            </div>
          );
        })}
        {fields.relationships.map((relationship) => {
          const error = errors[relationship.name]?.message;
          return (
            <div key={relationship.name}>
              <span id={`label-${relationship.name}`} className="mb-1 block text-sm font-medium text-slate-700">
                {humanize(relationship.name)}
                {relationship.required && <span aria-hidden className="text-red-600"> *</span>}
              </span>
              <Controller
                control={form.control}
                name={relationship.name}
                render={({ field }) => (
                  <RecordPicker
                    target={relationship.target}
                    many={relationship.many}
                    label={`${humanize(relationship.name)}: ${en.record.choose}`}
                    invalid={Boolean(error)}
                    value={field.value as PickedValue}
                    onChange={(value) => field.onChange(value)}
                  />
                )}
              />
              {error && (
                <p className="mt-1 text-xs text-red-700" data-testid={`error-${relationship.name}`}>
                  {String(error)}
                </p>
              )}
            </div>
          );
        })}
      </div>
      <div className="mt-3 flex gap-2">
        <Button type="submit" variant="primary" disabled={isSubmitting}>
          {isSubmitting ? en.record.saving : en.record.save}
        </Button>
        <Button onClick={() => (mode === 'edit' ? navigate({ to: '/$type/$id', params: { type: model.type, id: id! } }) : navigate({ to: '/$type', params: { type: model.type } }))}>
          {en.record.cancel}
        </Button>
      </div>
    </form>
  );
}

function AttributeInput({
  attribute,
  form,
  invalid,
  describedBy,
}: {
  attribute: AttributeModel;
  form: ReturnType<typeof useForm<FormValues>>;
  invalid: boolean;
  describedBy?: string;
}) {
  const common = { id: `field-${attribute.name}`, 'aria-invalid': invalid || undefined, 'aria-describedby': describedBy, ...form.register(attribute.name) };
  switch (attribute.kind) {
    case 'boolean':
      return <input type="checkbox" {...common} className="h-4 w-4" />;
    case 'enum':
      return (
        <Select {...common}>
          <option value="">{en.record.none}</option>
          {attribute.enumValues.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </Select>
      );
    case 'json':
      return <Textarea rows={5} {...common} className="font-mono" />;
    case 'integer':
    case 'decimal':
      return <Input inputMode="decimal" {...common} />;
    case 'date':
      return <Input type="date" {...common} />;
    case 'datetime':
      return <Input type="datetime-local" {...common} />;
    default:
      return (attribute.maxLength ?? 0) > 255 ? <Textarea rows={3} {...common} /> : <Input type={attribute.name === 'email' ? 'email' : 'text'} {...common} />;
  }
}
