import type { Caller, ResourceInput } from '../../platform';

/** Creates (`roleId` null) or changes a customer user role with its permissions and users; returns its id. */
export class SaveCustomerUserRole {
  constructor(
    readonly caller: Caller,
    readonly roleId: string | null,
    readonly input: ResourceInput,
  ) {}
}

/** Deletes customer user roles that no user holds and that are neither the registration nor the guest role. */
export class DeleteCustomerUserRoles {
  constructor(
    readonly caller: Caller,
    readonly roleIds: string[],
  ) {}
}
