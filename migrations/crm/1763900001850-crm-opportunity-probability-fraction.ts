import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Opportunity probabilities become fractions (0–1) as Oro stores and serves them: stored percentages are divided by
 * 100, and so are the organizations' default probabilities in the `sales` settings.
 */
export class CrmOpportunityProbabilityFraction1763900001850 implements MigrationInterface {
  name = 'CrmOpportunityProbabilityFraction1763900001850';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE crm.opportunity DROP CONSTRAINT IF EXISTS opportunity_probability_check`);
    await q.query(`ALTER TABLE crm.opportunity ALTER COLUMN probability TYPE numeric(5, 4) USING probability / 100`);
    await q.query(`ALTER TABLE crm.opportunity ADD CONSTRAINT opportunity_probability_check CHECK (probability BETWEEN 0 AND 1)`);
    await this.scaleDefaults(q, '/ 100');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE crm.opportunity DROP CONSTRAINT IF EXISTS opportunity_probability_check`);
    await q.query(`ALTER TABLE crm.opportunity ALTER COLUMN probability TYPE numeric(5, 2) USING probability * 100`);
    await q.query(`ALTER TABLE crm.opportunity ADD CONSTRAINT opportunity_probability_check CHECK (probability BETWEEN 0 AND 100)`);
    await this.scaleDefaults(q, '* 100');
  }

  /** The `sales` section's default probability per status, rescaled in one statement. */
  private async scaleDefaults(q: QueryRunner, operation: '/ 100' | '* 100'): Promise<void> {
    await q.query(`
      UPDATE platform.setting s
      SET value = jsonb_set(s.value, '{defaultOpportunityProbabilities}',
            (SELECT jsonb_object_agg(e.key, to_jsonb((e.value::text::numeric ${operation})::float8))
             FROM jsonb_each(s.value -> 'defaultOpportunityProbabilities') e))
      WHERE s.section = 'sales' AND jsonb_typeof(s.value -> 'defaultOpportunityProbabilities') = 'object'`);
  }
}
