import type { Caller, ResourceInput } from '../../platform';
import type { AddressOwner } from './address-owner';

/** Creates (`addressId` null) or changes an address of a customer or of a customer user; returns its id. */
export class SaveAddress {
  constructor(
    readonly owner: AddressOwner,
    readonly caller: Caller,
    readonly addressId: string | null,
    readonly input: ResourceInput,
  ) {}
}
