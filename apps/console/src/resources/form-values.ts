import { z } from 'zod';
import type { Identifier, ResourceObject, WriteResource } from '../api/json-api-client';
import type { AttributeModel, RelationshipModel, ResourceModel } from '../api/resource-model';
import { recordLabel } from '../api/resource-model';
import { en } from '../i18n/en';

/**
 * A record as form values and back: inputs hold text (numbers and dates included), checkboxes booleans, pickers the
 * chosen records. Values are checked in the browser only as far as the OpenAPI document says (required, length,
 * number, JSON); everything else is the server's word, placed on its field.
 */
export type PickedValue = Array<Identifier & { label: string }>;
export type FormValues = Record<string, string | boolean | PickedValue>;

export function formFields(model: ResourceModel, mode: 'create' | 'edit') {
  const writable = (f: { creatable: boolean; updatable: boolean }) => (mode === 'create' ? f.creatable : f.updatable);
  return {
    attributes: model.attributes.filter(writable),
    relationships: model.relationships.filter((r) => writable(r) && r.target),
  };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An ISO date-time as the value of a `datetime-local` input (local time). */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function attributeToInput(attribute: AttributeModel, value: unknown): string | boolean {
  if (attribute.kind === 'boolean') return value === true;
  if (value === null || value === undefined) return '';
  if (attribute.kind === 'datetime') return toLocalInput(String(value));
  if (attribute.kind === 'json') return JSON.stringify(value, null, 2);
  return String(value);
}

export function initialValues(model: ResourceModel, mode: 'create' | 'edit', record?: { data: ResourceObject; included: Map<string, ResourceObject> }): FormValues {
  const { attributes, relationships } = formFields(model, mode);
  const values: FormValues = {};
  for (const attribute of attributes) values[attribute.name] = attributeToInput(attribute, record?.data.attributes?.[attribute.name]);
  for (const relationship of relationships) {
    const linkage = record?.data.relationships?.[relationship.name]?.data;
    const items = linkage ? (Array.isArray(linkage) ? linkage : [linkage]) : [];
    values[relationship.name] = items.map((item) => {
      const related = record?.included.get(`${item.type}:${item.id}`);
      return { type: item.type, id: item.id, label: related ? recordLabel(related) : `#${item.id}` };
    });
  }
  return values;
}

function attributeSchema(attribute: AttributeModel) {
  if (attribute.kind === 'boolean') return z.boolean();
  let text = z.string();
  if (attribute.maxLength !== undefined) text = text.max(attribute.maxLength, en.record.tooLong(attribute.maxLength));
  // Blank-but-not-empty values are the server's to judge (its message is placed on the field).
  const base = attribute.required ? text.min(1, en.record.required) : text;
  if (attribute.kind === 'integer' || attribute.kind === 'decimal') {
    const pattern = attribute.kind === 'integer' ? /^-?\d+$/ : /^-?\d+(\.\d+)?$/;
    return base.refine((v) => v.trim() === '' || pattern.test(v.trim()), en.record.notNumber);
  }
  if (attribute.kind === 'json') {
    return base.refine((v) => {
      if (v.trim() === '') return true;
      try {
        JSON.parse(v);
        return true;
      } catch {
        return false;
      }
    }, 'This value is not valid JSON.');
  }
  return base;
}

function relationshipSchema(relationship: RelationshipModel) {
  const list = z.array(z.object({ type: z.string(), id: z.string(), label: z.string() }));
  return relationship.required ? list.min(1, en.record.required) : list;
}

export function formSchema(model: ResourceModel, mode: 'create' | 'edit') {
  const { attributes, relationships } = formFields(model, mode);
  return z.object(
    Object.fromEntries([
      ...attributes.map((a) => [a.name, attributeSchema(a)] as const),
      ...relationships.map((r) => [r.name, relationshipSchema(r)] as const),
    ]),
  );
}

function inputToAttribute(attribute: AttributeModel, value: string | boolean): unknown {
  if (attribute.kind === 'boolean') return value === true;
  const text = String(value).trim();
  if (text === '') return null;
  switch (attribute.kind) {
    case 'integer':
      return Number(text);
    case 'datetime':
      return new Date(text).toISOString().replace(/\.\d{3}Z$/, 'Z');
    case 'json':
      return JSON.parse(text);
    default:
      return attribute.kind === 'string' ? String(value) : text;
  }
}

/** The request document: on create every filled field, on edit only the changed ones. */
export function toWriteResource(model: ResourceModel, mode: 'create' | 'edit', values: FormValues, changed: (name: string) => boolean, id?: string): WriteResource {
  const { attributes, relationships } = formFields(model, mode);
  const resource: WriteResource = { type: model.type, ...(id ? { id } : {}), attributes: {}, relationships: {} };
  for (const attribute of attributes) {
    if (mode === 'edit' && !changed(attribute.name)) continue;
    const value = inputToAttribute(attribute, values[attribute.name] as string | boolean);
    if (mode === 'create' && (value === null || (attribute.kind === 'boolean' && !changed(attribute.name)))) continue;
    resource.attributes![attribute.name] = value;
  }
  for (const relationship of relationships) {
    if (mode === 'edit' && !changed(relationship.name)) continue;
    const picked = (values[relationship.name] as PickedValue).map(({ type, id: relatedId }) => ({ type, id: relatedId }));
    if (mode === 'create' && picked.length === 0) continue;
    resource.relationships![relationship.name] = { data: relationship.many ? picked : (picked[0] ?? null) };
  }
  if (Object.keys(resource.attributes!).length === 0) delete resource.attributes;
  if (Object.keys(resource.relationships!).length === 0) delete resource.relationships;
  return resource;
}
