import type { ResourceInput } from '../../platform';

/** Changes an account through the API; publishes `AccountUpdated`. */
export class UpdateAccount {
  constructor(
    readonly organizationId: string,
    readonly accountId: string,
    readonly input: ResourceInput,
  ) {}
}
