import { QueryBus } from '@nestjs/cqrs';
import { CustomerView, ListCustomers } from '../../contracts/commerce';
import { JobHandler, JobProcessor } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { AccountStrategy } from './account-strategy';
import { CustomerReassignment } from './customer-reassignment';

export const REASSIGN_CUSTOMER_ACCOUNTS = 'integration.reassign-customer-accounts';
const PAGE = 500;

/**
 * After a strategy switch (Oro: ReassignCustomerProcessor): every customer of the organization is put where the
 * strategy then in force wants it, 500 per transaction. Requests for one organization coalesce, and a run reads the
 * current strategy, so switching back and forth quickly ends with the last choice; a rerun changes nothing.
 */
@JobHandler<{ organizationId: string }>({ name: REASSIGN_CUSTOMER_ACCOUNTS, idempotencyKey: (d) => d.organizationId })
export class ReassignCustomerAccountsJob implements JobProcessor<{ organizationId: string }> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly queries: QueryBus,
    private readonly strategy: AccountStrategy,
    private readonly reassignment: CustomerReassignment,
  ) {}

  async run({ organizationId }: { organizationId: string }): Promise<void> {
    for (let after: string | null = null; ; ) {
      const page: CustomerView[] = await this.store.tx.run(async () => {
        const strategy = await this.strategy.of(organizationId);
        const customers: CustomerView[] = await this.queries.execute(new ListCustomers(organizationId, after, PAGE));
        for (const customer of customers) await this.reassignment.apply(strategy, customer, true);
        return customers;
      });
      if (page.length < PAGE) return;
      after = page[page.length - 1].id;
    }
  }
}
