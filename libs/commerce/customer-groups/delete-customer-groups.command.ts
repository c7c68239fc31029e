/** Deletes customer groups other than the anonymous one; their customers are left without a group. */
export class DeleteCustomerGroups {
  constructor(
    readonly organizationId: string,
    readonly groupIds: string[],
  ) {}
}
