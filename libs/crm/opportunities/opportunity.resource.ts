import { AttributeDefinition, TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { associationRelationships } from '../customer-associations/association-relationships';
import { DeleteOpportunities, SaveOpportunity } from './save-opportunity.command';

const currency: AttributeDefinition = {
  type: 'string',
  filter: true,
  validate: (v) => (/^[A-Z]{3}$/.test(String(v)) ? null : 'Expected a 3-letter ISO 4217 code, e.g. "EUR".'),
};

/**
 * Opportunities: deals in progress, won or lost, on an account or a customer of it. Oro's shape: `status` and
 * `closeReason` point to their dictionaries, amounts are `…Value`/`…Currency` pairs, `probability` is a fraction.
 */
export const opportunitiesResource = defineResource({
  type: 'opportunities',
  table: 'crm.opportunity',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  title: 'name',
  description:
    'Opportunities. Probability (a fraction, 0 to 1) follows the status unless set by hand; closedAt is kept by the ' +
    'system; base amounts are converted into the base currency when the opportunity is closed.',
  attributes: {
    name: { type: 'string', required: true, maxLength: 255, filter: ['eq', 'contains', 'starts_with'], sort: true },
    probability: { type: 'decimal', filter: true, sort: true, description: 'A fraction: 0.25 is 25 %.' },
    budgetAmountValue: { type: 'money', column: 'budget_amount', filter: true, sort: true },
    budgetAmountCurrency: { ...currency, column: 'budget_currency' },
    baseBudgetAmountValue: { type: 'money', column: 'base_budget_amount', readOnly: true, filter: true, sort: true },
    closeRevenueValue: { type: 'money', column: 'close_revenue', filter: true, sort: true },
    closeRevenueCurrency: { ...currency, column: 'close_revenue_currency' },
    baseCloseRevenueValue: { type: 'money', column: 'base_close_revenue', readOnly: true, filter: true, sort: true },
    closeDate: { type: 'date', filter: true, sort: true },
    closedAt: { type: 'datetime', readOnly: true, filter: true, sort: true },
    customerNeed: { type: 'text' },
    proposedSolution: { type: 'text' },
    notes: { type: 'text' },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    status: { type: 'opportunitystatuses', cardinality: 'one', column: 'status', notNull: true, filter: true },
    closeReason: { type: 'opportunityclosereasons', cardinality: 'one', column: 'close_reason', filter: true },
    ...associationRelationships(),
    contact: { type: 'contacts', cardinality: 'one', filter: true },
    lead: { type: 'leads', cardinality: 'one', filter: true },
    owner: { type: 'users', cardinality: 'one', filter: true },
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
  writes: {
    create: (input, caller) => new SaveOpportunity(caller, null, input),
    update: (id, input, caller) => new SaveOpportunity(caller, id, input),
    delete: (ids) => new DeleteOpportunities(ids),
  },
});
