import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  CreateAccountsForCustomerIdentities,
  CustomerIdentityAccount,
  MoveCustomerIdentities,
} from '../../contracts/crm';
import { BusinessRuleViolation, Directory } from '../../platform';
import { CrmStore } from '../shared/crm-store';

const ID = /^\d{1,18}$/;
const NAME_MAX_LENGTH = 255;
/**
 * An identity registered already moves to its new account. Left out when the sender knows none is: the speculative
 * insertion it costs is about 8% of the statement for 5000 new identities (measured).
 */
const MOVE_REGISTERED = `ON CONFLICT (organization_id, target_type, target_id) WHERE target_type IS NOT NULL DO UPDATE SET account_id = excluded.account_id`;

/**
 * Many accounts at once for customer identities (e.g. every commerce customer of a shop the integration was enabled
 * over): the accounts, their own associations and the identities' associations in one statement. Ids are drawn from the
 * account sequence first so that each identity is paired with its account without relying on the order of RETURNING.
 */
@CommandHandler(CreateAccountsForCustomerIdentities)
export class CreateAccountsForCustomerIdentitiesHandler implements ICommandHandler<CreateAccountsForCustomerIdentities, CustomerIdentityAccount[]> {
  constructor(
    private readonly store: CrmStore,
    private readonly directory: Directory,
  ) {}

  async execute({ organizationId, targetType, identities, unregistered }: CreateAccountsForCustomerIdentities): Promise<CustomerIdentityAccount[]> {
    if (identities.length === 0) return [];
    const targetIds = identities.map((i) => i.targetId);
    requireDistinct(targetIds);
    const blank = identities.find((i) => typeof i.name !== 'string' || i.name.trim() === '');
    if (blank) throw new BusinessRuleViolation(`The account of customer ${blank.targetId}: its name should not be blank.`, { attribute: 'name' });
    const long = identities.find((i) => [...i.name].length > NAME_MAX_LENGTH);
    if (long) throw new BusinessRuleViolation(`The account of customer ${long.targetId}: its name is longer than ${NAME_MAX_LENGTH} characters.`, { attribute: 'name' });
    await requireOwners(this.directory, organizationId, identities.map((i) => i.ownerId));
    const rows: CustomerIdentityAccount[] = await this.store.query(
      `WITH input AS (
         SELECT i.target_id, i.name, i.owner_id, i.n, nextval('crm.account_id_seq') AS account_id
         FROM unnest($2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS i(target_id, name, owner_id, n)),
       accounts AS (
         INSERT INTO crm.account (id, organization_id, owner_id, name) SELECT account_id, $1, owner_id, name FROM input),
       account_level AS (
         INSERT INTO crm.customer_association (organization_id, account_id) SELECT $1, account_id FROM input),
       identities AS (
         INSERT INTO crm.customer_association (organization_id, account_id, target_type, target_id)
         SELECT $1, account_id, $5, target_id FROM input
         ${unregistered ? '' : MOVE_REGISTERED}
         RETURNING id, target_id)
       SELECT input.target_id AS "targetId", input.account_id::text AS "accountId", identities.id::text AS "associationId"
       FROM input JOIN identities USING (target_id) ORDER BY input.n`,
      [organizationId, targetIds, identities.map((i) => i.name), identities.map((i) => i.ownerId), targetType],
    );
    return rows;
  }
}

/** Many customer identities to other accounts at once: what is attached to their associations follows them. */
@CommandHandler(MoveCustomerIdentities)
export class MoveCustomerIdentitiesHandler implements ICommandHandler<MoveCustomerIdentities, CustomerIdentityAccount[]> {
  constructor(private readonly store: CrmStore) {}

  async execute({ organizationId, targetType, targetIds, accountIds }: MoveCustomerIdentities): Promise<CustomerIdentityAccount[]> {
    if (targetIds.length !== accountIds.length) throw new BusinessRuleViolation('One account is needed per customer identity.');
    if (targetIds.length === 0) return [];
    requireDistinct(targetIds);
    const unknown = await missingAccounts(this.store, organizationId, accountIds);
    if (unknown.length > 0) throw new BusinessRuleViolation(`The account does not exist: ${unknown.slice(0, 10).join(', ')}.`, { relationship: 'account' });
    // An UPDATE for the registered identities (the usual case: a move) and an INSERT for the others: those the UPDATE
    // did not find (told by what it returns, not by looking every identity up again). Each identity is written once.
    return this.store.query(
      `WITH input AS (SELECT * FROM unnest($2::text[], $3::bigint[]) WITH ORDINALITY AS i(target_id, account_id, n)),
       moved AS (
         UPDATE crm.customer_association a SET account_id = input.account_id FROM input
         WHERE a.organization_id = $1 AND a.target_type = $4 AND a.target_id = input.target_id AND a.target_id = ANY($2::text[])
         RETURNING a.id, a.target_id),
       registered AS (
         INSERT INTO crm.customer_association (organization_id, account_id, target_type, target_id)
         SELECT $1, account_id, $4, target_id FROM input WHERE NOT EXISTS (SELECT 1 FROM moved WHERE moved.target_id = input.target_id)
         RETURNING id, target_id)
       SELECT input.target_id AS "targetId", input.account_id::text AS "accountId", r.id::text AS "associationId"
       FROM input JOIN (SELECT * FROM moved UNION ALL SELECT * FROM registered) r USING (target_id) ORDER BY input.n`,
      [organizationId, targetIds, accountIds, targetType],
    );
  }
}

function requireDistinct(targetIds: string[]): void {
  if (new Set(targetIds).size !== targetIds.length) throw new BusinessRuleViolation('Each customer identity may be listed only once.');
}

async function missingAccounts(store: CrmStore, organizationId: string, accountIds: string[]): Promise<string[]> {
  const malformed = accountIds.filter((id) => !ID.test(id));
  if (malformed.length > 0) return malformed;
  const rows: Array<{ id: string }> = await store.query(
    `SELECT a::text AS id FROM (SELECT DISTINCT a FROM unnest($2::bigint[]) a) s
     WHERE NOT EXISTS (SELECT 1 FROM crm.account x WHERE x.id = s.a AND x.organization_id = $1) ORDER BY 1`,
    [organizationId, accountIds],
  );
  return rows.map((r) => r.id);
}

/** An account's owner is a user of its organization (or none), as the API requires of `owner`. */
async function requireOwners(directory: Directory, organizationId: string, ownerIds: Array<string | null>): Promise<void> {
  const given = ownerIds.filter((id): id is string => id !== null && id !== undefined);
  const outside = await directory.usersOutside(organizationId, given);
  if (outside.length > 0) throw new BusinessRuleViolation(`The owner is not a user of the organization: ${outside.join(', ')}.`, { relationship: 'owner' });
}
