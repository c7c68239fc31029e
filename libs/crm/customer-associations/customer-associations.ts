import { Injectable } from '@nestjs/common';
import type { CustomerIdentity } from '../../contracts/crm';
import { BusinessRuleViolation } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { B2B_CUSTOMER_TARGET } from './association-relationships';

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

  async remove(identity: CustomerIdentity): Promise<void> {
    await this.store.query(`DELETE FROM crm.customer_association WHERE organization_id = $1 AND target_type = $2 AND target_id = $3`, [
      identity.organizationId,
      identity.targetType,
      identity.targetId,
    ]);
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
   * The association a record points to after a write that may name an `account` and/or a `b2bCustomer`: the business
   * customer's association, else the account's own one, else the current one. Null if none.
   */
  async resolve(organizationId: string, relationships: Record<string, unknown>, currentId: string | null): Promise<string | null> {
    const account = relationships.account as string | null | undefined;
    const b2bCustomer = relationships.b2bCustomer as string | null | undefined;
    if (b2bCustomer) {
      const [row] = await this.store.query(
        `SELECT id::text AS id, account_id::text AS account FROM crm.customer_association
         WHERE organization_id = $1 AND target_type = $2 AND target_id = $3`,
        [organizationId, B2B_CUSTOMER_TARGET, b2bCustomer],
      );
      if (!row) throw new BusinessRuleViolation('The business customer does not exist.', { relationship: 'b2bCustomer' });
      if (account && account !== row.account) {
        throw new BusinessRuleViolation('The business customer belongs to another account.', { relationship: 'b2bCustomer' });
      }
      return row.id;
    }
    if (account) {
      await this.ensureAccountLevel(organizationId, account);
      const [row] = await this.store.query(`SELECT id::text AS id FROM crm.customer_association WHERE account_id = $1 AND target_type IS NULL`, [account]);
      return row.id;
    }
    return account === null ? null : currentId;
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
