import type { Caller, ResourceInput } from '../../platform';

/** A customer user created or changed on the storefront by a colleague (an Administrator); returns its id. */
export class SaveStorefrontCustomerUser {
  constructor(
    readonly caller: Caller,
    readonly customerUserId: string | null,
    readonly input: ResourceInput,
  ) {}
}

/** Customer users deleted on the storefront by a colleague. */
export class DeleteStorefrontCustomerUsers {
  constructor(
    readonly caller: Caller,
    readonly customerUserIds: string[],
  ) {}
}
