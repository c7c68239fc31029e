import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation } from '../../platform';
import { B2B_CUSTOMER_TARGET } from '../customer-associations/association-relationships';
import { CustomerAssociations } from '../customer-associations/customer-associations';
import { LifetimeRecomputation } from '../lifetime/lifetime-recomputation';
import { saveWithItems } from '../shared/contact-items';
import { CrmStore } from '../shared/crm-store';
import { b2bCustomersResource } from './b2b-customer.resource';
import { DeleteB2bCustomers, SaveB2bCustomer } from './save-b2b-customer.command';


/** A business customer lives in a b2b channel and keeps its customer association on its account. */
@CommandHandler(SaveB2bCustomer)
export class SaveB2bCustomerHandler implements ICommandHandler<SaveB2bCustomer, string> {
  constructor(
    private readonly store: CrmStore,
    private readonly associations: CustomerAssociations,
    private readonly lifetime: LifetimeRecomputation,
  ) {}

  async execute({ caller, b2bCustomerId, input }: SaveB2bCustomer): Promise<string> {
    const channelId = input.relationships.channel as string | undefined;
    if (channelId) {
      const [channel] = await this.store.query(`SELECT channel_type FROM crm.channel WHERE id = $1`, [channelId]);
      if (channel?.channel_type !== 'b2b') {
        throw new BusinessRuleViolation('A business customer belongs to a "Sales" (b2b) channel.', { relationship: 'channel' });
      }
    }
    const previousAccount = b2bCustomerId ? await this.accountOf(b2bCustomerId) : null;
    const id = await saveWithItems(this.store, b2bCustomersResource, 'b2b_customer', b2bCustomerId, input, caller);
    const account = (await this.accountOf(id))!;
    await this.associations.move({ organizationId: caller.organizationId, targetType: B2B_CUSTOMER_TARGET, targetId: id }, account);
    await this.lifetime.recomputeAccounts([account, previousAccount]);
    return id;
  }

  private async accountOf(b2bCustomerId: string): Promise<string | null> {
    const [row] = await this.store.query(`SELECT account_id::text AS id FROM crm.b2b_customer WHERE id = $1`, [b2bCustomerId]);
    return row?.id ?? null;
  }
}

@CommandHandler(DeleteB2bCustomers)
export class DeleteB2bCustomersHandler implements ICommandHandler<DeleteB2bCustomers> {
  constructor(
    private readonly store: CrmStore,
    private readonly lifetime: LifetimeRecomputation,
  ) {}

  async execute({ caller, b2bCustomerIds }: DeleteB2bCustomers): Promise<void> {
    const accounts = await this.store.query(`SELECT DISTINCT account_id::text AS id FROM crm.b2b_customer WHERE id = ANY($1::bigint[])`, [b2bCustomerIds]);
    await this.store.query(
      `DELETE FROM crm.customer_association WHERE organization_id = $1 AND target_type = $2 AND target_id = ANY($3::text[])`,
      [caller.organizationId, B2B_CUSTOMER_TARGET, b2bCustomerIds],
    );
    await this.store.writer().delete(b2bCustomersResource, b2bCustomerIds);
    await this.lifetime.recomputeAccounts(accounts.map((a: { id: string }) => a.id));
  }
}
