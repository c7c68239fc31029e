import { CustomerCreated } from '../../contracts/commerce';
import { EventSubscriber, OutboxEventHandler } from '../../platform';
import { CustomerLinker } from './customer-linker';

/**
 * Every new commerce customer gets an account, whatever created it (the API links it at once; imports, registrations
 * and other modules' commands are linked here). A customer already linked, or deleted since, is left alone.
 */
@EventSubscriber({ name: 'integration.link-new-customer', event: CustomerCreated })
export class LinkNewCustomerSubscriber implements OutboxEventHandler<CustomerCreated> {
  constructor(private readonly linker: CustomerLinker) {}

  async handle({ customerId, organizationId }: CustomerCreated): Promise<void> {
    await this.linker.link(organizationId, customerId, null);
  }
}
