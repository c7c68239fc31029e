import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { MoveCustomerAssociations } from '../../contracts/crm';
import { BusinessRuleViolation } from '../../platform';
import { CrmStore } from '../shared/crm-store';

const ID = /^\d{1,18}$/;

/**
 * Many customer identities to other accounts at once, by association id (what a mover keeps of them): the checks and
 * the move in one statement, joined by primary key. What is attached to an association follows it.
 */
@CommandHandler(MoveCustomerAssociations)
export class MoveCustomerAssociationsHandler implements ICommandHandler<MoveCustomerAssociations, string[]> {
  constructor(private readonly store: CrmStore) {}

  async execute({ organizationId, associationIds, accountIds }: MoveCustomerAssociations): Promise<string[]> {
    if (associationIds.length !== accountIds.length) throw new BusinessRuleViolation('One account is needed per customer association.');
    if (associationIds.length === 0) return [];
    const malformed = [...associationIds, ...accountIds].find((id) => !ID.test(id));
    if (malformed !== undefined) throw new BusinessRuleViolation(`Not an id: ${malformed}.`);
    if (new Set(associationIds).size !== associationIds.length) throw new BusinessRuleViolation('Each customer association may be listed only once.');
    // The move happens only when every association is one of the organization's identities (counted in the same
    // statement, so a refusal writes nothing); associations whose account is missing are left out and returned.
    const [result]: Array<{ identities: number; kept: string[] }> = await this.store.query(
      `WITH input AS (SELECT * FROM unnest($2::bigint[], $3::bigint[]) i(id, account_id)),
       identities AS (
         SELECT count(*)::int AS n FROM crm.customer_association a WHERE a.id = ANY($2::bigint[]) AND a.organization_id = $1 AND a.target_type IS NOT NULL),
       missing AS (
         SELECT a FROM unnest($3::bigint[]) a EXCEPT SELECT x.id FROM crm.account x WHERE x.id = ANY($3::bigint[]) AND x.organization_id = $1),
       moved AS (
         UPDATE crm.customer_association a SET account_id = input.account_id FROM input
         WHERE a.id = input.id AND a.id = ANY($2::bigint[]) AND a.account_id <> input.account_id AND (SELECT n FROM identities) = $4
           AND input.account_id NOT IN (SELECT a FROM missing))
       SELECT (SELECT n FROM identities) AS identities, array(SELECT input.id::text FROM input JOIN missing ON missing.a = input.account_id) AS kept`,
      [organizationId, associationIds, accountIds, associationIds.length],
    );
    if (result.identities !== associationIds.length) throw new BusinessRuleViolation('Only customer identities of the organization can be moved.');
    return result.kept;
  }
}
