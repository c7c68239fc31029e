import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Leads (with e-mails and phones) and opportunities; both may belong to a customer association. */
export class CrmLeadsOpportunities1763900001200 implements MigrationInterface {
  name = 'CrmLeadsOpportunities1763900001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE crm.lead (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        name varchar(255) NOT NULL,
        name_prefix varchar(255),
        first_name varchar(255),
        middle_name varchar(255),
        last_name varchar(255),
        name_suffix varchar(255),
        job_title varchar(255),
        company_name varchar(255),
        website varchar(255),
        number_of_employees int CHECK (number_of_employees >= 0),
        industry varchar(255),
        source varchar(255),
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'qualified', 'canceled')),
        twitter varchar(255),
        linked_in varchar(255),
        notes text,
        contact_id bigint REFERENCES crm.contact ON DELETE SET NULL,
        customer_association_id bigint REFERENCES crm.customer_association ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    for (const kind of ['email', 'phone']) {
      await q.query(`
        CREATE TABLE crm.lead_${kind} (
          id bigserial PRIMARY KEY,
          lead_id bigint NOT NULL REFERENCES crm.lead ON DELETE CASCADE,
          ${kind} varchar(255) NOT NULL,
          is_primary boolean NOT NULL DEFAULT false
        )`);
      await q.query(`CREATE INDEX lead_${kind}_owner_idx ON crm.lead_${kind} (lead_id)`);
      await q.query(`CREATE UNIQUE INDEX lead_${kind}_one_primary_idx ON crm.lead_${kind} (lead_id) WHERE is_primary`);
    }
    await q.query(`
      CREATE TABLE crm.opportunity (
        id bigserial PRIMARY KEY,
        organization_id bigint NOT NULL,
        owner_id bigint,
        name varchar(255) NOT NULL,
        status text NOT NULL DEFAULT 'in_progress' CHECK (status IN
          ('in_progress', 'identification_alignment', 'needs_analysis', 'solution_development', 'negotiation', 'won', 'lost')),
        probability numeric(5, 2) CHECK (probability BETWEEN 0 AND 100),
        budget_amount numeric(19, 4),
        budget_currency char(3),
        base_budget_amount numeric(19, 4),
        close_revenue numeric(19, 4),
        close_revenue_currency char(3),
        base_close_revenue numeric(19, 4),
        close_date date,
        close_reason text CHECK (close_reason IN ('outsold', 'won', 'cancelled')),
        closed_at timestamptz,
        customer_association_id bigint NOT NULL REFERENCES crm.customer_association ON DELETE CASCADE,
        contact_id bigint REFERENCES crm.contact ON DELETE SET NULL,
        lead_id bigint REFERENCES crm.lead ON DELETE SET NULL,
        customer_need text,
        proposed_solution text,
        notes text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX opportunity_association_idx ON crm.opportunity (customer_association_id)`);
    await q.query(`CREATE INDEX opportunity_organization_status_idx ON crm.opportunity (organization_id, status)`);
    await q.query(`CREATE INDEX lead_association_idx ON crm.lead (customer_association_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE crm.opportunity, crm.lead_phone, crm.lead_email, crm.lead`);
  }
}
