import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation, JsonApiException } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { replaceTypes } from './address-types';
import { SaveAddress } from './address.commands';
import { customerAddressesResource, customerUserAddressesResource } from './address.resource';

const RESOURCES = { customeraddresses: customerAddressesResource, customeruseraddresses: customerUserAddressesResource };

/**
 * Address rules for both owners: the owner never changes; the region belongs to the country; a name or an organization;
 * one default address per type and one primary address per owner.
 */
@CommandHandler(SaveAddress)
export class SaveAddressHandler implements ICommandHandler<SaveAddress, string> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ owner, caller, addressId, input }: SaveAddress): Promise<string> {
    const resource = RESOURCES[owner.type];
    const current = addressId
      ? (await this.store.query(`SELECT ${owner.column}::text AS owner_id FROM ${owner.table} WHERE id = $1 FOR UPDATE`, [addressId]))[0]
      : null;
    const sentOwner = input.relationships[owner.relationship] as string | undefined;
    if (current && sentOwner !== undefined && sentOwner !== current.owner_id) {
      throw new BusinessRuleViolation(`The ${owner.noun} of an address cannot be changed.`, { relationship: owner.relationship });
    }
    const ownerId: string = current?.owner_id ?? sentOwner;
    // Defaults and the primary flag are per owner: saves of one owner's addresses take turns.
    await this.store.lock(`${owner.table}:${ownerId}`);

    const { types, ...attributes } = input.attributes;
    if (attributes.primary === null) delete attributes.primary;
    const fields = { attributes, relationships: input.relationships };
    const writer = this.store.writer();
    const id = addressId ?? (await writer.insert(resource, fields, caller));
    if (addressId) await writer.update(resource, addressId, fields);

    const [stored] = await this.store.query(
      `SELECT country_code, region_code, is_primary, nullif(trim(first_name), '') IS NOT NULL AS has_first_name, nullif(trim(last_name), '') IS NOT NULL AS has_last_name,
              (nullif(trim(first_name), '') IS NOT NULL AND nullif(trim(last_name), '') IS NOT NULL) OR nullif(trim(organization), '') IS NOT NULL AS named
       FROM ${owner.table} WHERE id = $1`,
      [id],
    );
    if (stored.region_code && !stored.region_code.startsWith(`${stored.country_code}-`)) {
      throw new BusinessRuleViolation(`The region "${stored.region_code}" is not a region of the country "${stored.country_code}".`, { attribute: 'region' });
    }
    if (!stored.named) throw nameOrOrganizationMissing(stored.has_first_name, stored.has_last_name);
    if (stored.is_primary) {
      await this.store.query(`UPDATE ${owner.table} SET is_primary = false, updated_at = now() WHERE ${owner.column} = $1 AND id <> $2 AND is_primary`, [ownerId, id]);
    }
    await replaceTypes(this.store, owner, id, ownerId, types);
    return id;
  }
}

/** Oro's NameOrOrganization refusal: one error on the organization and one on each blank name part. */
function nameOrOrganizationMissing(hasFirstName: boolean, hasLastName: boolean): JsonApiException {
  const error = (attribute: string, detail: string) => ({ status: '400', title: 'name or organization constraint', detail, source: { pointer: `/data/attributes/${attribute}` } });
  return new JsonApiException([
    error('organization', 'Organization or First Name and Last Name should not be blank.'),
    ...(hasFirstName ? [] : [error('firstName', 'First Name and Last Name or Organization should not be blank.')]),
    ...(hasLastName ? [] : [error('lastName', 'Last Name and First Name or Organization should not be blank.')]),
  ]);
}
