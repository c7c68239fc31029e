import { EventSubscriber, OrganizationCreated, OutboxEventHandler, TransactionRunner } from '../../platform';
import { insertPredefinedCustomerUserRoles } from '../../../migrations/commerce/1763900002200-commerce-predefined-customer-user-roles';

/** A new organization gets the predefined customer user roles (organizations that existed got them from the migration). */
@EventSubscriber({ name: 'commerce.predefined-customer-user-roles', event: OrganizationCreated })
export class PredefinedCustomerUserRolesSubscriber implements OutboxEventHandler<OrganizationCreated> {
  constructor(private readonly tx: TransactionRunner) {}

  async handle(event: OrganizationCreated): Promise<void> {
    await insertPredefinedCustomerUserRoles((sql, parameters) => this.tx.manager.query(sql, parameters), event.organizationId);
  }
}
