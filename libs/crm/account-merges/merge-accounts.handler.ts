import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { AccountsMerged } from '../../contracts/crm';
import { BusinessRuleViolation, Caller, Outbox } from '../../platform';
import { CustomerAssociations } from '../customer-associations/customer-associations';
import { LifetimeRecomputation } from '../lifetime/lifetime-recomputation';
import { CrmStore } from '../shared/crm-store';
import { MergeAccounts } from './merge-accounts.command';
import { MERGE_FIELDS, checkMerge, mergedValues } from './merge-fields';


/**
 * Domain §7, in one transaction: checks (2–5 distinct accounts, a master among them, the right to change and delete
 * them), takes each chosen field, unites contacts, moves associations, business customers, opportunities and leads
 * on the accounts, referrals, lifetime history and current totals to the master, deletes the others, and publishes
 * `AccountsMerged`.
 */
@CommandHandler(MergeAccounts)
export class MergeAccountsHandler implements ICommandHandler<MergeAccounts, string> {
  constructor(
    private readonly store: CrmStore,
    private readonly associations: CustomerAssociations,
    private readonly lifetime: LifetimeRecomputation,
    private readonly outbox: Outbox,
  ) {}

  async execute({ caller, input }: MergeAccounts): Promise<string> {
    const ids = (input.relationships.accounts as string[] | undefined) ?? [];
    const master = input.relationships.master as string;
    const sources = (typeof input.attributes.fields === 'string' ? JSON.parse(input.attributes.fields) : (input.attributes.fields ?? {})) as Record<string, string>;
    checkMerge(ids, master, sources);
    await this.requireAccess(caller, ids);
    const losers = ids.filter((id) => id !== master);

    await this.takeFields(master, losers, ids, sources);
    await this.moveEverything(caller.organizationId, master, losers);
    await this.store.query(`DELETE FROM crm.account WHERE id = ANY($1::bigint[])`, [losers]);

    const [{ id }] = await this.store.query(
      `INSERT INTO crm.account_merge (organization_id, owner_id, master_id, field_sources) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
      [caller.organizationId, caller.userId, master, JSON.stringify(sources)],
    );
    await this.store.query(`INSERT INTO crm.account_merge_account (merge_id, account_id) SELECT $1, unnest($2::bigint[])`, [id, ids]);
    await this.lifetime.recomputeAccounts([master]);
    await this.outbox.publish(new AccountsMerged(caller.organizationId, master, losers));
    return id;
  }

  /** Merging changes the master and deletes the others: it needs EDIT and DELETE on all of them. */
  private async requireAccess(caller: Caller, ids: string[]): Promise<void> {
    for (const permission of ['EDIT', 'DELETE'] as const) {
      const level = caller.access('accounts', permission);
      const [{ n }] =
        level === 'own'
          ? await this.store.query(`SELECT count(*)::int AS n FROM crm.account WHERE id = ANY($1::bigint[]) AND owner_id = $2`, [ids, caller.userId])
          : [{ n: level === 'organization' ? ids.length : 0 }];
      if (n !== ids.length) throw new BusinessRuleViolation('Merging needs the right to edit and delete every merged account.', { forbidden: true });
    }
  }

  private async takeFields(master: string, losers: string[], ids: string[], sources: Record<string, string>): Promise<void> {
    const rows: Array<Record<string, unknown>> = await this.store.query(
      `SELECT id::text AS id, ${Object.values(MERGE_FIELDS).join(', ')} FROM crm.account WHERE id = ANY($1::bigint[]) FOR UPDATE`,
      [ids],
    );
    const values = mergedValues(new Map(rows.map((row) => [row.id as string, row])), master, ids, sources);
    // External ids are unique: the merged accounts give theirs up first.
    await this.store.query(`UPDATE crm.account SET external_id = NULL WHERE id = ANY($1::bigint[])`, [losers]);
    const sets = Object.values(MERGE_FIELDS).map((column, i) => `${column} = $${i + 2}`);
    await this.store.query(`UPDATE crm.account SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [master, ...values]);
  }

  private async moveEverything(organizationId: string, master: string, losers: string[]): Promise<void> {
    const q = (sql: string) => this.store.query(sql, [master, losers]);
    await q(`UPDATE crm.account SET referred_by_id = CASE WHEN id = $1 THEN NULL ELSE $1 END WHERE referred_by_id = ANY($2::bigint[])`);
    await q(`INSERT INTO crm.account_contact (account_id, contact_id) SELECT $1, contact_id FROM crm.account_contact WHERE account_id = ANY($2::bigint[]) ON CONFLICT DO NOTHING`);
    await this.associations.ensureAccountLevel(organizationId, master);
    for (const table of ['crm.opportunity', 'crm.lead']) {
      await q(`UPDATE ${table} SET customer_association_id = (SELECT id FROM crm.customer_association WHERE account_id = $1 AND target_type IS NULL)
               WHERE customer_association_id IN (SELECT id FROM crm.customer_association WHERE account_id = ANY($2::bigint[]) AND target_type IS NULL)`);
    }
    await q(`UPDATE crm.customer_association SET account_id = $1 WHERE account_id = ANY($2::bigint[]) AND target_type IS NOT NULL`);
    await q(`UPDATE crm.b2b_customer SET account_id = $1 WHERE account_id = ANY($2::bigint[])`);
    await q(`UPDATE crm.lifetime_value_history SET account_id = $1 WHERE account_id = ANY($2::bigint[])`);
    // Current totals add up per channel (other modules' channels too); CRM's own are then recomputed from source.
    await this.store.query(
      `INSERT INTO crm.account_lifetime_value (organization_id, account_id, channel_id, amount)
       SELECT $3, $1, channel_id, sum(amount) FROM crm.account_lifetime_value WHERE account_id = $1 OR account_id = ANY($2::bigint[]) GROUP BY channel_id
       ON CONFLICT (account_id, (coalesce(channel_id, 0))) DO UPDATE SET amount = excluded.amount, updated_at = now()`,
      [master, losers, organizationId],
    );
    // Paid-order counts (recorded with the commerce totals) add up the same way until their channel records them again.
    await q(`UPDATE crm.account SET lifetime_paid_order_count = (SELECT sum(lifetime_paid_order_count) FROM crm.account WHERE id = $1 OR id = ANY($2::bigint[])) WHERE id = $1`);
  }
}
