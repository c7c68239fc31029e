import { z } from 'zod';
import { AttributeDefinition, Caller, JsonApiErrorObject, JsonApiException, ResourceDefinition, ResourceInput } from '../../platform';
import type { CrmStore } from './crm-store';

/** Records that have e-mails and phones in their own tables (`crm.<owner>_email`, `crm.<owner>_phone`). */
export type ItemOwner = 'contact' | 'b2b_customer' | 'lead';
export type ItemKind = 'email' | 'phone';

export interface ContactItem {
  value: string;
  primary: boolean;
}

/** E-mails or phones as `[{ "email": "…", "primary": true }, …]`, read from their table; `filter[emails]=a,b` matches any. */
export function itemsAttribute(owner: ItemOwner, kind: ItemKind): AttributeDefinition {
  const item = z.object({ [kind]: kind === 'email' ? z.string().email().max(255) : z.string().min(1).max(255), primary: z.boolean().optional() }).strict();
  const list = z.array(item).max(50);
  return {
    type: 'json',
    expression: `SELECT coalesce(jsonb_agg(jsonb_build_object('${kind}', i.${kind}, 'primary', i.is_primary) ORDER BY i.id), '[]'::jsonb)
      FROM crm.${owner}_${kind} i WHERE i.${owner}_id = r.id`,
    filterValues: `ARRAY(SELECT i.${kind}::text FROM crm.${owner}_${kind} i WHERE i.${owner}_id = r.id)`,
    filter: ['eq', 'neq', 'exists'],
    filterLists: true,
    validate: (value) => {
      const parsed = list.safeParse(value);
      return parsed.success ? null : `Expected a list of {"${kind}": …, "primary": true|false}: ${parsed.error.issues[0].path.join('.')} ${parsed.error.issues[0].message}`;
    },
    description: `The ${kind}s; exactly one is primary (flag it, or name it in primary${kind === 'email' ? 'Email' : 'Phone'}).`,
  };
}

/** The primary e-mail or phone: filterable and sortable; writable as in Oro (it makes that item the primary one, adding it if new). */
export function primaryItemAttribute(owner: ItemOwner, kind: ItemKind): AttributeDefinition {
  return {
    type: 'string',
    expression: `SELECT i.${kind} FROM crm.${owner}_${kind} i WHERE i.${owner}_id = r.id AND i.is_primary`,
    filter: ['eq', 'contains', 'exists'],
    sort: true,
    ...(kind === 'email' ? { validate: (v) => (z.string().email().safeParse(v).success ? null : 'This value is not a valid email address.') } : {}),
  };
}

const PRIMARY_NAME: Record<ItemKind, string> = { email: 'primaryEmail', phone: 'primaryPhone' };
const UNKNOWN_PRIMARY: Record<ItemKind, string> = { email: 'Unknown primary email address.', phone: 'Unknown primary phone number.' };

/**
 * E-mails or phones after a write (Oro's PrimaryEmail/PrimaryPhone rules): `primary` (primaryEmail/primaryPhone, when
 * sent) makes the item of that value the primary one — added when only the primary was sent, refused when the list
 * sent lacks it; a list sent alone keeps an item flagged `primary` (the first of several) or else the current primary
 * value if the list still has it. A non-empty list without a primary is refused (`contains primary constraint`).
 */
export function normalizeItems(kind: ItemKind, sent: unknown, primary: string | null | undefined, current: ContactItem[]): ContactItem[] {
  const list = (typeof sent === 'string' ? JSON.parse(sent) : sent) as Array<Record<string, unknown>> | null | undefined;
  let items = list === undefined ? current : (list ?? []).map((item) => ({ value: String(item[kind]).trim(), primary: item.primary === true }));
  let wanted: string | null | undefined = primary === undefined ? undefined : (primary?.trim() ?? null);
  if (wanted && !items.some((item) => item.value === wanted)) {
    if (list !== undefined) {
      throw new JsonApiException([containsPrimary(kind), { status: '400', title: 'primary item constraint', detail: UNKNOWN_PRIMARY[kind], source: { pointer: `/data/attributes/${PRIMARY_NAME[kind]}` } }]);
    }
    items = [...items, { value: wanted, primary: true }];
  }
  if (wanted === undefined && list !== undefined && !items.some((item) => item.primary)) wanted = current.find((item) => item.primary)?.value;
  if (wanted !== undefined) items = items.map((item) => ({ ...item, primary: item.value === wanted }));
  if (items.length === 0) return items;
  const first = items.findIndex((item) => item.primary);
  if (first === -1) throw new JsonApiException([containsPrimary(kind)]);
  return items.map((item, i) => ({ ...item, primary: i === first }));
}

function containsPrimary(kind: ItemKind): JsonApiErrorObject {
  return { status: '400', title: 'contains primary constraint', detail: `One of the ${kind}s must be set as primary.`, source: { pointer: `/data/attributes/${kind}s` } };
}

/** Replaces a record's e-mails or phones with the list sent and/or the primary one named (when either was sent). */
export async function replaceItems(store: CrmStore, owner: ItemOwner, ownerId: string, kind: ItemKind, sent: unknown, primary?: unknown): Promise<void> {
  if (sent === undefined && primary === undefined) return;
  const current: ContactItem[] = await store.query(`SELECT ${kind} AS value, is_primary AS primary FROM crm.${owner}_${kind} WHERE ${owner}_id = $1 ORDER BY id`, [ownerId]);
  const items = normalizeItems(kind, sent, primary as string | null | undefined, current);
  await store.query(`DELETE FROM crm.${owner}_${kind} WHERE ${owner}_id = $1`, [ownerId]);
  await insertItems(store, owner, kind, items.map((item) => ({ ...item, ownerId })));
}

/** E-mails or phones of one or many records in one statement, in the order given (their ids follow it). */
export async function insertItems(store: CrmStore, owner: ItemOwner, kind: ItemKind, items: Array<ContactItem & { ownerId: string }>): Promise<void> {
  if (items.length === 0) return;
  await store.query(
    `INSERT INTO crm.${owner}_${kind} (${owner}_id, ${kind}, is_primary)
     SELECT o, v, p FROM unnest($1::bigint[], $2::text[], $3::boolean[]) WITH ORDINALITY AS i(o, v, p, n) ORDER BY n`,
    [items.map((i) => i.ownerId), items.map((i) => i.value), items.map((i) => i.primary)],
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
  const { emails, phones, primaryEmail, primaryPhone, ...attributes } = input.attributes;
  const fields = { ...input, attributes };
  const writer = store.writer();
  const savedId = id ?? (await writer.insert(resource, fields, caller));
  if (id) await writer.update(resource, id, fields);
  await replaceItems(store, owner, savedId, 'email', emails, primaryEmail);
  await replaceItems(store, owner, savedId, 'phone', phones, primaryPhone);
  return savedId;
}
