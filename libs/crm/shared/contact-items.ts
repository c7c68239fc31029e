import { z } from 'zod';
import { AttributeDefinition, BusinessRuleViolation, Caller, ResourceDefinition, ResourceInput } from '../../platform';
import type { CrmStore } from './crm-store';

/** Records that have e-mails and phones in their own tables (`crm.<owner>_email`, `crm.<owner>_phone`). */
export type ItemOwner = 'contact' | 'b2b_customer' | 'lead';
export type ItemKind = 'email' | 'phone';

export interface ContactItem {
  value: string;
  primary: boolean;
}

/** E-mails or phones as `[{ "email": "…", "primary": true }, …]`, read from their table. */
export function itemsAttribute(owner: ItemOwner, kind: ItemKind): AttributeDefinition {
  const item = z.object({ [kind]: kind === 'email' ? z.string().email().max(255) : z.string().min(1).max(255), primary: z.boolean().optional() }).strict();
  const list = z.array(item).max(50);
  return {
    type: 'json',
    expression: `SELECT coalesce(jsonb_agg(jsonb_build_object('${kind}', i.${kind}, 'primary', i.is_primary) ORDER BY i.id), '[]'::jsonb)
      FROM crm.${owner}_${kind} i WHERE i.${owner}_id = r.id`,
    validate: (value) => {
      const parsed = list.safeParse(value);
      return parsed.success ? null : `Expected a list of {"${kind}": …, "primary": true|false}: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`;
    },
    description: `The ${kind}s; exactly one is primary.`,
  };
}

/** The primary e-mail or phone, read-only, filterable and sortable. */
export function primaryItemAttribute(owner: ItemOwner, kind: ItemKind): AttributeDefinition {
  return {
    type: 'string',
    readOnly: true,
    expression: `SELECT i.${kind} FROM crm.${owner}_${kind} i WHERE i.${owner}_id = r.id AND i.is_primary`,
    filter: ['eq', 'contains', 'exists'],
    sort: true,
  };
}

/**
 * E-mails or phones as sent: a non-empty list needs a primary item; if several are flagged, the first one keeps the
 * flag and the others' flags are cleared (as Oro does when a second primary is added).
 */
export function normalizeItems(raw: unknown, kind: ItemKind): ContactItem[] {
  const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Array<Record<string, unknown>> | null;
  const items = (list ?? []).map((item) => ({ value: String(item[kind]).trim(), primary: item.primary === true }));
  if (items.length === 0) return items;
  const first = items.findIndex((item) => item.primary);
  if (first === -1) throw new BusinessRuleViolation('One of the items must be set as primary.', { attribute: `${kind}s` });
  return items.map((item, i) => ({ ...item, primary: i === first }));
}

/** Replaces a record's e-mails or phones with the list sent (when it was sent). */
export async function replaceItems(store: CrmStore, owner: ItemOwner, ownerId: string, kind: ItemKind, raw: unknown): Promise<void> {
  if (raw === undefined) return;
  const items = normalizeItems(raw, kind);
  await store.query(`DELETE FROM crm.${owner}_${kind} WHERE ${owner}_id = $1`, [ownerId]);
  if (items.length === 0) return;
  await store.query(
    `INSERT INTO crm.${owner}_${kind} (${owner}_id, ${kind}, is_primary) SELECT $1, * FROM unnest($2::text[], $3::boolean[])`,
    [ownerId, items.map((i) => i.value), items.map((i) => i.primary)],
  );
}

/** Creates (`id` null) or updates a record that has e-mails and phones, then replaces those that were sent; returns the id. */
export async function saveWithItems(
  store: CrmStore,
  resource: ResourceDefinition,
  owner: ItemOwner,
  id: string | null,
  input: ResourceInput,
  caller: Caller,
): Promise<string> {
  const { emails, phones, ...attributes } = input.attributes;
  const fields = { ...input, attributes };
  const writer = store.writer();
  const savedId = id ?? (await writer.insert(resource, fields, caller));
  if (id) await writer.update(resource, id, fields);
  await replaceItems(store, owner, savedId, 'email', emails);
  await replaceItems(store, owner, savedId, 'phone', phones);
  return savedId;
}
