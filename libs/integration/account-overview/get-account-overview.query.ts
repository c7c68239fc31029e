import type { Caller } from '../../platform';

/** The 360° view of an account for a back-office caller (`GET /admin/api/accounts/{id}/overview`). */
export class GetAccountOverview {
  constructor(
    readonly caller: Caller,
    readonly accountId: string,
  ) {}
}
