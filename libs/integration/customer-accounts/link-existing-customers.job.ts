import { QueryBus } from '@nestjs/cqrs';
import { CustomerView, ListCustomers } from '../../contracts/commerce';
import { JobHandler, JobProcessor } from '../../platform';
import { IntegrationStore } from '../shared/integration-store';
import { CustomerLinker } from './customer-linker';

export const LINK_EXISTING_CUSTOMERS = 'integration.link-existing-customers';

export interface LinkExistingCustomersData {
  again?: boolean;
}
const PAGE = 500;

/**
 * Enabling the integration over existing customers (decision 6, domain §4.4): every customer without an account gets
 * one (one per customer, as Oro's installer does), with its lifetime sales value counted in the account's commerce
 * channel. Requested every minute by the schedule until done; each page of customers is one transaction that also
 * moves the cursor, so an interrupted run resumes where it stopped, and customers linked meanwhile are skipped.
 * `again` starts over from the first customer (CLI `integration:customers:link`, e.g. after the module was disabled
 * for a while): customers that have an account keep it.
 */
@JobHandler<LinkExistingCustomersData>({ name: LINK_EXISTING_CUSTOMERS, idempotencyKey: () => 'all' })
export class LinkExistingCustomersJob implements JobProcessor<LinkExistingCustomersData> {
  constructor(
    private readonly store: IntegrationStore,
    private readonly queries: QueryBus,
    private readonly linker: CustomerLinker,
  ) {}

  async run({ again }: LinkExistingCustomersData): Promise<void> {
    if (again) await this.store.query(`UPDATE integration.link_existing_customers SET after_customer_id = 0, finished_at = NULL`);
    while (!(await this.store.tx.run(() => this.nextPage()))) {
      // one page per transaction
    }
  }

  /** Links one page of customers; true when there is nothing left to do. */
  private async nextPage(): Promise<boolean> {
    const [progress] = await this.store.query(
      `SELECT after_customer_id::text AS after, finished_at IS NOT NULL AS finished FROM integration.link_existing_customers FOR UPDATE`,
    );
    if (!progress || progress.finished) return true;
    const page: CustomerView[] = await this.queries.execute(new ListCustomers(null, progress.after, PAGE));
    for (const customer of page) await this.linker.link(customer.organizationId, customer.id, null);
    const finished = page.length < PAGE;
    await this.store.query(
      `UPDATE integration.link_existing_customers SET after_customer_id = $1, finished_at = CASE WHEN $2 THEN now() END`,
      [page.at(-1)?.id ?? progress.after, finished],
    );
    return finished;
  }
}
