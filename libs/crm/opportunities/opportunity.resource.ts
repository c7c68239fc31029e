import { dictionaryValues } from '../dictionaries/dictionaries';
import { AttributeDefinition, TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { associationRelationships } from '../customer-associations/association-relationships';
import { OPPORTUNITY_STATUSES } from './opportunity-statuses';
import { DeleteOpportunities, SaveOpportunity } from './save-opportunity.command';

const currency: AttributeDefinition = {
  type: 'string',
  filter: true,
  validate: (v) => (/^[A-Z]{3}$/.test(String(v)) ? null : 'Expected a 3-letter ISO 4217 code, e.g. "EUR".'),
};

/** Opportunities: deals in progress, won or lost, on an account or a business customer. */
export const opportunitiesResource = defineResource({
  type: 'opportunities',
  table: 'crm.opportunity',
  apis: ['admin'],
  ownerColumn: 'owner_id',
  title: 'name',
  description:
    'Opportunities. Probability (percent) follows the status unless set by hand; closedAt is kept by the system; base ' +
    'amounts are converted into the base currency when the opportunity is closed.',
  attributes: {
    name: { type: 'string', required: true, maxLength: 255, filter: ['eq', 'contains', 'starts_with'], sort: true },
    status: { type: 'enum', values: OPPORTUNITY_STATUSES, filter: true, sort: true },
    probability: { type: 'decimal', filter: true, sort: true, validate: (v) => (Number(v) >= 0 && Number(v) <= 100 ? null : 'The probability should be between 0 and 100.') },
    budgetAmount: { type: 'money', filter: true, sort: true },
    budgetCurrency: currency,
    baseBudgetAmount: { type: 'money', readOnly: true, filter: true, sort: true },
    closeRevenue: { type: 'money', filter: true, sort: true },
    closeRevenueCurrency: { ...currency, column: 'close_revenue_currency' },
    baseCloseRevenue: { type: 'money', readOnly: true, filter: true, sort: true },
    closeDate: { type: 'date', filter: true, sort: true },
    closeReason: { type: 'enum', values: dictionaryValues('opportunityclosereasons'), filter: true },
    closedAt: { type: 'datetime', readOnly: true, filter: true, sort: true },
    customerNeed: { type: 'text' },
    proposedSolution: { type: 'text' },
    notes: { type: 'text' },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
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
