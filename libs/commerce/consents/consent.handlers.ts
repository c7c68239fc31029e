import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { AcceptConsent, DeclineConsents } from './consent.commands';

/** Accepts an active consent of the organization: one acceptance per consent and user (409 when already accepted). */
@CommandHandler(AcceptConsent)
export class AcceptConsentHandler implements ICommandHandler<AcceptConsent, string> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ organizationId, customerUserId, consentId }: AcceptConsent): Promise<string> {
    const [consent] = await this.store.query(`SELECT active FROM commerce.consent WHERE id = $1 AND organization_id = $2`, [consentId, organizationId]);
    if (!consent?.active) throw BusinessRuleViolation.of('form constraint', 'This consent is not active.', { relationship: 'consent' });
    const [row] = await this.store.query(
      `WITH accepted AS (
         INSERT INTO commerce.consent_acceptance (organization_id, consent_id, customer_user_id) VALUES ($1, $2, $3)
         ON CONFLICT (consent_id, customer_user_id) DO NOTHING RETURNING id::text AS id)
       , decided AS (INSERT INTO commerce.consent_decision (consent_id, customer_user_id, accepted) SELECT $2, $3, true WHERE EXISTS (SELECT 1 FROM accepted))
       SELECT (SELECT id FROM accepted) AS id`,
      [organizationId, consentId, customerUserId],
    );
    if (!row.id) throw BusinessRuleViolation.of('conflict constraint', 'This consent is already accepted.', { relationship: 'consent', conflict: true });
    return row.id;
  }
}

@CommandHandler(DeclineConsents)
export class DeclineConsentsHandler implements ICommandHandler<DeclineConsents, void> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ customerUserId, acceptanceIds }: DeclineConsents): Promise<void> {
    await this.store.query(
      `WITH declined AS (DELETE FROM commerce.consent_acceptance WHERE id = ANY($1::bigint[]) AND customer_user_id = $2 RETURNING consent_id)
       INSERT INTO commerce.consent_decision (consent_id, customer_user_id, accepted) SELECT consent_id, $2, false FROM declined`,
      [acceptanceIds, customerUserId],
    );
  }
}

/**
 * Registration's consents: the ones accepted must be active consents of the organization, and every mandatory active
 * one must be among them (400 naming it, on the consents relationship).
 */
export async function requireRegistrationConsents(store: CommerceStore, organizationId: string, accepted: string[]): Promise<void> {
  const pointer = '/data/relationships/consents/data';
  const known = await store.query(`SELECT id::text AS id FROM commerce.consent WHERE organization_id = $1 AND active AND id = ANY($2::bigint[])`, [organizationId, accepted]);
  if (known.length !== new Set(accepted).size) throw BusinessRuleViolation.of('form constraint', 'An accepted consent does not exist or is not active.', { pointer });
  const [missing] = await store.query(`SELECT name FROM commerce.consent WHERE organization_id = $1 AND active AND mandatory AND NOT (id = ANY($2::bigint[])) ORDER BY id LIMIT 1`, [
    organizationId,
    accepted,
  ]);
  if (missing) throw BusinessRuleViolation.of('form constraint', `The consent "${missing.name}" is mandatory: it must be accepted.`, { pointer });
}

/** Records a new user's accepted consents with their history. */
export async function acceptConsents(store: CommerceStore, organizationId: string, customerUserId: string, consentIds: string[]): Promise<void> {
  await store.query(
    `WITH accepted AS (
       INSERT INTO commerce.consent_acceptance (organization_id, consent_id, customer_user_id) SELECT $1, unnest($2::bigint[]), $3
       ON CONFLICT DO NOTHING RETURNING consent_id)
     INSERT INTO commerce.consent_decision (consent_id, customer_user_id, accepted) SELECT consent_id, $3, true FROM accepted`,
    [organizationId, [...new Set(consentIds)], customerUserId],
  );
}
