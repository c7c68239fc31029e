import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { CustomerCreated, CustomerView, GetCustomer } from '../../contracts/commerce';
import { CreateAccount, RegisterCustomerIdentity } from '../../contracts/crm';
import { EventSubscriber, OutboxEventHandler, Settings } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { AccountCommerceTotals } from './account-commerce-totals';
import { commerceCustomerIdentity } from './commerce-customer-identity';

/**
 * Every new commerce customer gets its own account (strategy "each", domain §4.2), named after it and owned by its
 * owner, or else by the organization's default customer owner (setting `customer.defaultCustomerOwner`); the customer
 * is registered with CRM as a customer identity of that account. A redelivery finds the link and does nothing.
 */
@EventSubscriber({ name: 'integration.link-new-customer', event: CustomerCreated })
export class LinkNewCustomerSubscriber implements OutboxEventHandler<CustomerCreated> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly settings: Settings,
    private readonly totals: AccountCommerceTotals,
  ) {}

  async handle({ customerId, organizationId }: CustomerCreated): Promise<void> {
    const [linked] = await this.store.query(`SELECT 1 FROM integration.customer_account WHERE customer_id = $1`, [customerId]);
    if (linked) return;
    // Read now rather than from the event: the customer may have been renamed, or deleted, since.
    const customer: CustomerView | null = await this.queries.execute(new GetCustomer(organizationId, customerId));
    if (!customer) return;
    const { defaultCustomerOwner } = await this.settings.get<{ defaultCustomerOwner: string | null }>(organizationId, 'customer');
    const accountId: string = await this.commands.execute(
      new CreateAccount(organizationId, customer.name, { ownerId: customer.ownerId ?? defaultCustomerOwner }),
    );
    await this.commands.execute(new RegisterCustomerIdentity(commerceCustomerIdentity(organizationId, customerId), accountId));
    await this.totals.lock([accountId]);
    await this.store.query(
      `INSERT INTO integration.customer_account (customer_id, organization_id, account_id, lifetime_sales_value) VALUES ($1, $2, $3, $4)`,
      [customerId, organizationId, accountId, customer.lifetimeSalesValue],
    );
    if (Number(customer.lifetimeSalesValue) !== 0) await this.totals.record(organizationId, [accountId]);
  }
}
