import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { CreateAccount } from '../../contracts/crm';
import { CustomerAssociations } from '../customer-associations/customer-associations';
import { CrmStore } from '../shared/crm-store';
import { accountsResource } from './account.resource';
import { keepDefaultContactAmongContacts } from './default-contact';

/** Creates an account (from the API or another module); returns its id. */
@CommandHandler(CreateAccount)
export class CreateAccountHandler implements ICommandHandler<CreateAccount, string> {
  constructor(
    private readonly store: CrmStore,
    private readonly associations: CustomerAssociations,
  ) {}

  async execute({ organizationId, name, fields }: CreateAccount): Promise<string> {
    const relationships: Record<string, string | null | string[]> = { owner: fields.ownerId ?? null };
    if (fields.defaultContactId !== undefined) relationships.defaultContact = fields.defaultContactId;
    if (fields.referredById !== undefined) relationships.referredBy = fields.referredById;
    if (fields.contactIds !== undefined) relationships.contacts = fields.contactIds;
    const attributes: Record<string, unknown> = { name };
    if (fields.description !== undefined) attributes.extend_description = fields.description;
    if (fields.externalId !== undefined) attributes.externalId = fields.externalId;
    const id = await this.store.writer().insert(accountsResource, { attributes, relationships }, { api: 'admin', organizationId, userId: null, access: () => 'organization' });
    await keepDefaultContactAmongContacts(this.store, id);
    await this.associations.ensureAccountLevel(organizationId, id);
    return id;
  }
}
