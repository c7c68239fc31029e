import { Injectable } from '@nestjs/common';
import type { CustomerIdentity } from '../../contracts/crm';
import { BusinessRuleViolation, ResourceInput } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { B2B_CUSTOMER_TARGET } from './association-relationships';

/** Oro's message when a record's customer is not of its account (form constraint on `customer`). */
const CUSTOMER_OF_ANOTHER_ACCOUNT = 'The customer should be a part of the specified account.';

const EITHER_ACCOUNT_OR_CUSTOMER = 'Either an account or a customer should be set.';

/** Oro's refusal of clearing the account or the customer of a record that has one. */
const NOT_NULL = (relationship: string) => new BusinessRuleViolation('This value should not be null.', { relationship, constraint: 'not null constraint' });

export type AttachableRecord = 'opportunity' | 'lead';
const ATTACHABLE_TABLES: Record<AttachableRecord, string> = { opportunity: 'crm.opportunity', lead: 'crm.lead' };

/**
 * What an opportunity or a lead belongs to: an account itself (target null), a business customer, or a customer
 * identity registered by another module. Each points to exactly one account.
 */
@Injectable()
export class CustomerAssociations {
  constructor(private readonly store: CrmStore) {}

  /** The association of a customer identity, created for `accountId` if it has none yet; returns its id. */
  async register(identity: CustomerIdentity, accountId: string): Promise<string> {
    await this.requireAccount(identity.organizationId, accountId);
    await this.store.query(
      `INSERT INTO crm.customer_association (organization_id, account_id, target_type, target_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT (organization_id, target_type, target_id) WHERE target_type IS NOT NULL DO NOTHING`,
      [identity.organizationId, accountId, identity.targetType, identity.targetId],
    );
    return (await this.find(identity))!;
  }

  /** Points a customer identity's association (registering it if needed) at another account. */
  async move(identity: CustomerIdentity, accountId: string): Promise<string> {
    const id = await this.register(identity, accountId);
    await this.store.query(`UPDATE crm.customer_association SET account_id = $2 WHERE id = $1`, [id, accountId]);
    return id;
  }

  /**
   * Removes a customer identity's association; its opportunities and leads stay on the account itself (Oro keeps the
   * association without its target). Returns the account's own association, or null if the identity had none.
   */
  async remove(identity: CustomerIdentity): Promise<string | null> {
    const [row] = await this.store.query(
      `SELECT id::text AS id, account_id::text AS account FROM crm.customer_association WHERE organization_id = $1 AND target_type = $2 AND target_id = $3`,
      [identity.organizationId, identity.targetType, identity.targetId],
    );
    if (!row) return null;
    const level = await this.accountLevel(identity.organizationId, row.account);
    await this.store.query(`UPDATE crm.opportunity SET customer_association_id = $2 WHERE customer_association_id = $1`, [row.id, level]);
    await this.store.query(`UPDATE crm.lead SET customer_association_id = $2 WHERE customer_association_id = $1`, [row.id, level]);
    await this.store.query(`DELETE FROM crm.customer_association WHERE id = $1`, [row.id]);
    return level;
  }

  /**
   * Puts an opportunity or a lead on a customer identity's association, or (identity null) back on its account's own
   * one. The identity must belong to the record's account (a lead without one takes the identity's). Returns the
   * associations before and after.
   */
  async attach(kind: AttachableRecord, organizationId: string, recordId: string, identity: CustomerIdentity | null): Promise<Array<string | null>> {
    const table = ATTACHABLE_TABLES[kind];
    const [record] = /^\d{1,18}$/.test(recordId)
      ? await this.store.query(
          `SELECT r.customer_association_id::text AS association, ca.account_id::text AS account
           FROM ${table} r LEFT JOIN crm.customer_association ca ON ca.id = r.customer_association_id
           WHERE r.id = $1 AND r.organization_id = $2`,
          [recordId, organizationId],
        )
      : [];
    if (!record) throw new BusinessRuleViolation(`The ${kind} does not exist.`);
    let target: string | null;
    if (identity) {
      const [row] = await this.store.query(
        `SELECT id::text AS id, account_id::text AS account FROM crm.customer_association WHERE organization_id = $1 AND target_type = $2 AND target_id = $3`,
        [organizationId, identity.targetType, identity.targetId],
      );
      if (!row) throw new BusinessRuleViolation('The customer has no account.', { relationship: 'customer' });
      if (record.account && row.account !== record.account) throw new BusinessRuleViolation(CUSTOMER_OF_ANOTHER_ACCOUNT, { relationship: 'customer' });
      target = row.id;
    } else {
      target = record.account ? await this.accountLevel(organizationId, record.account) : null;
    }
    await this.store.query(`UPDATE ${table} SET customer_association_id = $2, updated_at = now() WHERE id = $1`, [recordId, target]);
    return [record.association, target];
  }

  private async accountLevel(organizationId: string, accountId: string): Promise<string> {
    await this.ensureAccountLevel(organizationId, accountId);
    const [row] = await this.store.query(`SELECT id::text AS id FROM crm.customer_association WHERE account_id = $1 AND target_type IS NULL`, [accountId]);
    return row.id;
  }

  /** The account's own association (for opportunities and leads directly on the account). */
  async ensureAccountLevel(organizationId: string, accountId: string): Promise<void> {
    await this.store.query(
      `INSERT INTO crm.customer_association (organization_id, account_id) VALUES ($1, $2)
       ON CONFLICT (account_id) WHERE target_type IS NULL DO NOTHING`,
      [organizationId, accountId],
    );
  }

  /**
   * The association a record points to after a write that may name an `account` and/or a `customer` (Oro's rules):
   * a business customer's own association (it must be of the given account); for another module's customer type, the
   * account's own one (that module attaches the record to its customer after the write); the account's own one; else
   * the current one. Null if there is none (allowed for leads only: `required` refuses it).
   */
  async resolve(organizationId: string, input: ResourceInput, currentId: string | null, required: boolean): Promise<string | null> {
    const { account, customer } = input.relationships as Record<string, string | null | undefined>;
    if (customer && input.relationshipTypes?.customer === 'b2bcustomers') {
      const [row] = await this.store.query(
        `SELECT id::text AS id, account_id::text AS account FROM crm.customer_association
         WHERE organization_id = $1 AND target_type = $2 AND target_id = $3`,
        [organizationId, B2B_CUSTOMER_TARGET, customer],
      );
      if (!row) throw new BusinessRuleViolation('The entity does not exist.', { relationship: 'customer', constraint: 'relationship constraint' });
      if (account && account !== row.account) throw new BusinessRuleViolation(CUSTOMER_OF_ANOTHER_ACCOUNT, { relationship: 'customer' });
      return row.id;
    }
    if (account) return this.accountLevel(organizationId, account);
    if (customer) return currentId;
    if (account === null && customer === null) throw new BusinessRuleViolation(EITHER_ACCOUNT_OR_CUSTOMER);
    if (account === null) throw NOT_NULL('account');
    if (customer === null) throw NOT_NULL('customer');
    if (!currentId && required) throw new BusinessRuleViolation(EITHER_ACCOUNT_OR_CUSTOMER);
    return currentId;
  }

  async accountOf(identity: CustomerIdentity): Promise<string | null> {
    const [row] = await this.store.query(
      `SELECT account_id::text AS id FROM crm.customer_association WHERE organization_id = $1 AND target_type = $2 AND target_id = $3`,
      [identity.organizationId, identity.targetType, identity.targetId],
    );
    return row?.id ?? null;
  }

  private async find(identity: CustomerIdentity): Promise<string | null> {
    const [row] = await this.store.query(
      `SELECT id::text AS id FROM crm.customer_association WHERE organization_id = $1 AND target_type = $2 AND target_id = $3`,
      [identity.organizationId, identity.targetType, identity.targetId],
    );
    return row?.id ?? null;
  }

  private async requireAccount(organizationId: string, accountId: string): Promise<void> {
    const [row] = /^\d{1,18}$/.test(accountId)
      ? await this.store.query(`SELECT 1 FROM crm.account WHERE id = $1 AND organization_id = $2`, [accountId, organizationId])
      : [];
    if (!row) throw new BusinessRuleViolation('The account does not exist.', { relationship: 'account' });
  }
}
