import { z } from 'zod';
import { AttributeDefinition } from '../../platform';
import type { CommerceStore } from '../shared/commerce-store';
import type { AddressOwner } from './address-owner';

export const ADDRESS_TYPES = ['billing', 'shipping'] as const;

export interface AddressTypeUse {
  addressType: (typeof ADDRESS_TYPES)[number];
  default: boolean;
}

const typesSchema = z.array(z.object({ addressType: z.enum(ADDRESS_TYPES), default: z.boolean().optional() }).strict()).max(ADDRESS_TYPES.length);

function typesProblem(value: unknown): string | null {
  const parsed = typesSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return `Expected a list of {"addressType": "billing"|"shipping", "default": true|false}: ${issue.path.join('.')} ${issue.message}`;
  }
  const types = parsed.data.map((t) => t.addressType);
  return new Set(types).size === types.length ? null : 'Each address type can be given once.';
}

/** `types` as `[{addressType, default}]`, read from the address's type rows. */
export function typesAttribute(owner: AddressOwner): AttributeDefinition {
  return {
    type: 'json',
    expression: `SELECT coalesce(jsonb_agg(jsonb_build_object('addressType', t.type, 'default', t.is_default) ORDER BY t.type), '[]'::jsonb)
      FROM ${owner.typeTable} t WHERE t.address_id = r.id`,
    validate: typesProblem,
    description: `The address types (billing, shipping) this address serves; "default": true makes it the ${owner.noun}'s default for that type.`,
  };
}

/**
 * Replaces an address's types (when sent). A type made default here stops being default on the owner's other
 * addresses first, in the same transaction (Oro's FixCustomerAddressesDefaultSubscriber), so there is one per owner.
 */
export async function replaceTypes(store: CommerceStore, owner: AddressOwner, addressId: string, ownerId: string, raw: unknown): Promise<void> {
  if (raw === undefined) return;
  const types = ((typeof raw === 'string' ? JSON.parse(raw) : raw) ?? []) as AddressTypeUse[];
  const defaults = types.filter((t) => t.default).map((t) => t.addressType);
  if (defaults.length > 0) {
    await store.query(
      `UPDATE ${owner.typeTable} SET is_default = false WHERE ${owner.column} = $1 AND type = ANY($2::text[]) AND address_id <> $3 AND is_default`,
      [ownerId, defaults, addressId],
    );
  }
  await store.query(`DELETE FROM ${owner.typeTable} WHERE address_id = $1`, [addressId]);
  if (types.length === 0) return;
  await store.query(
    `INSERT INTO ${owner.typeTable} (address_id, ${owner.column}, type, is_default) SELECT $1, $2, * FROM unnest($3::text[], $4::boolean[])`,
    [addressId, ownerId, types.map((t) => t.addressType), types.map((t) => t.default === true)],
  );
}
