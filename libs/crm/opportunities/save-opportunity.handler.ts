import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation, CurrencyConverter, ResourceInput, Settings } from '../../platform';
import { CustomerAssociations } from '../customer-associations/customer-associations';
import { LifetimeRecomputation } from '../lifetime/lifetime-recomputation';
import { CrmStore } from '../shared/crm-store';
import { opportunitiesResource } from './opportunity.resource';
import { CLOSED_STATUSES, OpportunityStatus } from './opportunity-statuses';
import type { SalesSettings } from './sales.settings';
import { DeleteOpportunities, SaveOpportunity } from './save-opportunity.command';

interface StoredOpportunity {
  status: OpportunityStatus;
  probability: string | null;
  budget_amount: string | null;
  budget_currency: string | null;
  close_revenue: string | null;
  close_revenue_currency: string | null;
  association: string;
  closed_at: string | null;
}

/**
 * Opportunity rules (domain §1.8): default probability from the status, replaced on a status change only if it was
 * not set by hand; `closedAt` set on entering won/lost and cleared on leaving; base-currency amounts while closed; an
 * opportunity created from a lead qualifies the lead and takes its contact and customer.
 */
@CommandHandler(SaveOpportunity)
export class SaveOpportunityHandler implements ICommandHandler<SaveOpportunity, string> {
  constructor(
    private readonly store: CrmStore,
    private readonly associations: CustomerAssociations,
    private readonly currencies: CurrencyConverter,
    private readonly lifetime: LifetimeRecomputation,
    private readonly settings: Settings,
  ) {}

  async execute({ caller, opportunityId, input }: SaveOpportunity): Promise<string> {
    const current = opportunityId ? await this.load(opportunityId) : null;
    const lead = opportunityId ? null : await this.lead(input.relationships.lead as string | null | undefined);
    const association = await this.associations.resolve(caller.organizationId, input, current?.association ?? lead?.association ?? null, true);
    const { account: _account, customer: _customer, ...relationships } = input.relationships;
    if (lead && relationships.contact === undefined && lead.contact) relationships.contact = lead.contact;

    const attributes = { ...input.attributes };
    if (attributes.probability != null && !(Number(attributes.probability) >= 0 && Number(attributes.probability) <= 1)) {
      throw new BusinessRuleViolation('This value should be between 0% and 100%.', { attribute: 'probability', constraint: 'range constraint' });
    }
    const status = (relationships.status ?? current?.status ?? 'in_progress') as OpportunityStatus;
    relationships.status = status;
    if (attributes.probability === undefined || (!current && attributes.probability === null)) {
      const defaults = (await this.settings.get<SalesSettings>(caller.organizationId, 'sales')).defaultOpportunityProbabilities;
      const unchanged = current && current.probability !== null && Number(current.probability) === defaults[current.status];
      if (!current || (status !== current.status && unchanged)) attributes.probability = String(defaults[status]);
    }
    const closed = CLOSED_STATUSES.includes(status);
    if (!closed) attributes.closedAt = null;
    else if (!current || current.status !== status) attributes.closedAt = new Date().toISOString();
    Object.assign(attributes, await this.baseAmounts(caller.organizationId, closed, attributes, current));

    const fields: ResourceInput = { attributes, relationships };
    const extra = { customer_association_id: { value: association, type: 'bigint' } };
    const writer = this.store.writer();
    const id = opportunityId ?? (await writer.insert(opportunitiesResource, fields, caller, extra));
    if (opportunityId) await writer.update(opportunitiesResource, opportunityId, fields, extra);
    if (lead) await this.store.query(`UPDATE crm.lead SET status = 'qualified', updated_at = now() WHERE id = $1`, [relationships.lead]);
    await this.lifetime.recomputeForAssociations([association, current?.association]);
    return id;
  }

  /** Base-currency amounts while closed (an amount without a currency is in the base currency), none while open. */
  private async baseAmounts(organizationId: string, closed: boolean, attributes: Record<string, unknown>, current: StoredOpportunity | null) {
    const value = (name: string, column: keyof StoredOpportunity) =>
      (attributes[name] !== undefined ? attributes[name] : (current?.[column] ?? null)) as string | null;
    const budget = value('budgetAmountValue', 'budget_amount');
    const revenue = value('closeRevenueValue', 'close_revenue');
    const baseCurrency = await this.currencies.baseCurrencyOf(organizationId);
    const budgetCurrency = value('budgetAmountCurrency', 'budget_currency') ?? baseCurrency;
    const revenueCurrency = value('closeRevenueCurrency', 'close_revenue_currency') ?? baseCurrency;
    return {
      budgetAmountCurrency: budget === null ? value('budgetAmountCurrency', 'budget_currency') : budgetCurrency,
      closeRevenueCurrency: revenue === null ? value('closeRevenueCurrency', 'close_revenue_currency') : revenueCurrency,
      baseBudgetAmountValue: closed && budget !== null ? await this.currencies.toBase(organizationId, budget, budgetCurrency, 'budgetAmountCurrency') : null,
      baseCloseRevenueValue: closed && revenue !== null ? await this.currencies.toBase(organizationId, revenue, revenueCurrency, 'closeRevenueCurrency') : null,
    };
  }

  private async load(id: string): Promise<StoredOpportunity> {
    const [row] = await this.store.query(
      `SELECT status, probability::text, budget_amount::text, budget_currency, close_revenue::text, close_revenue_currency,
              customer_association_id::text AS association, closed_at
       FROM crm.opportunity WHERE id = $1`,
      [id],
    );
    return row;
  }

  private async lead(id: string | null | undefined): Promise<{ association: string | null; contact: string | null } | null> {
    if (!id) return null;
    const [row] = await this.store.query(`SELECT customer_association_id::text AS association, contact_id::text AS contact FROM crm.lead WHERE id = $1`, [id]);
    return row ?? null;
  }
}

@CommandHandler(DeleteOpportunities)
export class DeleteOpportunitiesHandler implements ICommandHandler<DeleteOpportunities> {
  constructor(
    private readonly store: CrmStore,
    private readonly lifetime: LifetimeRecomputation,
  ) {}

  async execute({ opportunityIds }: DeleteOpportunities): Promise<void> {
    const rows = await this.store.query(`SELECT DISTINCT customer_association_id::text AS id FROM crm.opportunity WHERE id = ANY($1::bigint[])`, [opportunityIds]);
    await this.store.writer().delete(opportunitiesResource, opportunityIds);
    await this.lifetime.recomputeForAssociations(rows.map((r: { id: string }) => r.id));
  }
}
