import { CommandBus, CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { Caller, ResourceInput } from '../../platform';
import type { AddressOwner } from '../addresses/address-owner';
import { SaveAddress } from '../addresses/address.commands';
import { CommerceStore } from '../shared/commerce-store';

/** An address created or changed on the storefront; returns its id. */
export class SaveStorefrontAddress {
  constructor(
    readonly owner: AddressOwner,
    readonly caller: Caller,
    readonly addressId: string | null,
    readonly input: ResourceInput,
  ) {}
}

/**
 * Storefront addresses (§5.2: an Administrator manages its company's addresses): the back office's address rules, a
 * new address belongs to the caller's customer (customer addresses) or to the caller (its own addresses) unless
 * another one in reach is named, and its back-office owner is that of the customer or customer user it belongs to.
 */
@CommandHandler(SaveStorefrontAddress)
export class SaveStorefrontAddressHandler implements ICommandHandler<SaveStorefrontAddress, string> {
  constructor(
    private readonly commands: CommandBus,
    private readonly store: CommerceStore,
  ) {}

  async execute({ owner, caller, addressId, input }: SaveStorefrontAddress): Promise<string> {
    const relationships = { ...input.relationships };
    if (!addressId) {
      const company = caller.storefront!;
      const frontendOwner = (relationships[owner.relationship] as string | undefined) ?? (owner.relationship === 'customer' ? company.customerId : company.customerUserId);
      relationships[owner.relationship] = frontendOwner;
      const ownerTable = owner.relationship === 'customer' ? 'commerce.customer' : 'commerce.customer_user';
      const [row] = await this.store.query(`SELECT owner_id::text AS owner FROM ${ownerTable} WHERE id = $1`, [frontendOwner]);
      relationships.owner = row?.owner ?? null;
    }
    return this.commands.execute(new SaveAddress(owner, caller, addressId, { ...input, relationships }));
  }
}
