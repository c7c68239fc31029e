import type { ResourceInput } from '../../platform';

/** Changes an account through the API. */
export class UpdateAccount {
  constructor(
    readonly organizationId: string,
    readonly accountId: string,
    readonly input: ResourceInput,
  ) {}
}
