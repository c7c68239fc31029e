import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consents (issue 12, Oro's ConsentBundle): the texts customer users accept, the current acceptances (one row per
 * consent and user, as Oro's unique `ConsentAcceptance`) and every decision ever taken (accepted or declined, with
 * its time), so that a consent declined later keeps its history.
 */
export class CommerceConsents1763900002600 implements MigrationInterface {
  name = 'CommerceConsents1763900002600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE commerce.consent (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        name varchar(255) NOT NULL,
        mandatory boolean NOT NULL DEFAULT true,
        content text,
        url varchar(2048),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consent_organization_idx ON commerce.consent (organization_id)`);
    await q.query(`
      CREATE TABLE commerce.consent_acceptance (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        consent_id bigint NOT NULL REFERENCES commerce.consent ON DELETE CASCADE,
        customer_user_id bigint NOT NULL REFERENCES commerce.customer_user ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (consent_id, customer_user_id)
      )`);
    await q.query(`CREATE INDEX consent_acceptance_user_idx ON commerce.consent_acceptance (customer_user_id)`);
    await q.query(`
      CREATE TABLE commerce.consent_decision (
        id bigserial PRIMARY KEY,
        consent_id bigint NOT NULL REFERENCES commerce.consent ON DELETE CASCADE,
        customer_user_id bigint NOT NULL REFERENCES commerce.customer_user ON DELETE CASCADE,
        accepted boolean NOT NULL,
        decided_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX consent_decision_user_idx ON commerce.consent_decision (customer_user_id, consent_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE commerce.consent_decision, commerce.consent_acceptance, commerce.consent`);
  }
}
