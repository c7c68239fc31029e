import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { AccountView, GetAccount } from '../../contracts/crm';
import { prepared } from '../../platform';
import { CrmStore } from '../shared/crm-store';

// Prepared: PostgreSQL's parsing and planning cost more than the read.
const ACCOUNT_VIEW = prepared(
  `SELECT id::text AS id, organization_id::text AS "organizationId", name, owner_id::text AS "ownerId", external_id AS "externalId"
   FROM crm.account WHERE id = $1 AND organization_id = $2`,
);

@QueryHandler(GetAccount)
export class GetAccountHandler implements IQueryHandler<GetAccount, AccountView | null> {
  constructor(private readonly store: CrmStore) {}

  async execute({ organizationId, accountId }: GetAccount): Promise<AccountView | null> {
    if (!/^\d{1,18}$/.test(accountId)) return null;
    const [row] = await this.store.query(ACCOUNT_VIEW, [accountId, organizationId]);
    return row ?? null;
  }
}
