import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CustomerAssociations } from '../customer-associations/customer-associations';
import { saveWithItems } from '../shared/contact-items';
import { CrmStore } from '../shared/crm-store';
import { leadsResource } from './lead.resource';
import { SaveLead } from './save-lead.command';

/** A lead may belong to an account or a customer of it (through a customer association), or to neither. */
@CommandHandler(SaveLead)
export class SaveLeadHandler implements ICommandHandler<SaveLead, string> {
  constructor(
    private readonly store: CrmStore,
    private readonly associations: CustomerAssociations,
  ) {}

  async execute({ caller, leadId, input }: SaveLead): Promise<string> {
    const [current] = leadId ? await this.store.query(`SELECT customer_association_id::text AS association FROM crm.lead WHERE id = $1`, [leadId]) : [];
    const association = await this.associations.resolve(caller.organizationId, input, current?.association ?? null, false);
    const { account: _account, customer: _customer, ...relationships } = input.relationships;
    const extra = { customer_association_id: { value: association, type: 'bigint' } };
    const id = await saveWithItems(this.store, leadsResource, 'lead', leadId, { ...input, relationships }, caller);
    await this.store.writer().update(leadsResource, id, { attributes: {}, relationships: {} }, extra);
    return id;
  }
}
