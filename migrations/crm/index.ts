import { CrmSchema1763900000100 } from './1763900000100-crm-schema';
import { CrmAccountsContactsChannels1763900001000 } from './1763900001000-crm-accounts-contacts-channels';
import { CrmCustomerAssociations1763900001100 } from './1763900001100-crm-customer-associations';
import { CrmLeadsOpportunities1763900001200 } from './1763900001200-crm-leads-opportunities';
import { CrmLifetimeValues1763900001300 } from './1763900001300-crm-lifetime-values';
import { CrmAccountMerges1763900001400 } from './1763900001400-crm-account-merges';
import { CrmSearchIndexes1763900001500 } from './1763900001500-crm-search-indexes';
import { CrmLifetimeAverages1763900001600 } from './1763900001600-crm-lifetime-averages';
import { CrmDictionaries1763900001700 } from './1763900001700-crm-dictionaries';
import { CrmOpportunityProbabilityFraction1763900001850 } from './1763900001850-crm-opportunity-probability-fraction';
import { CrmContactCreatedUpdatedBy1763900001860 } from './1763900001860-crm-contact-created-updated-by';
import { CrmAccountPaidOrderCount1763900001870 } from './1763900001870-crm-account-paid-order-count';
import { CrmToManyOrderIndexes1763900001930 } from './1763900001930-crm-to-many-order-indexes';
import { CrmSearchPendingLists1763900001935 } from './1763900001935-crm-search-pending-lists';

export const crmMigrations = [
  CrmSchema1763900000100,
  CrmAccountsContactsChannels1763900001000,
  CrmCustomerAssociations1763900001100,
  CrmLeadsOpportunities1763900001200,
  CrmLifetimeValues1763900001300,
  CrmAccountMerges1763900001400,
  CrmSearchIndexes1763900001500,
  CrmLifetimeAverages1763900001600,
  CrmDictionaries1763900001700,
  CrmOpportunityProbabilityFraction1763900001850,
  CrmContactCreatedUpdatedBy1763900001860,
  CrmAccountPaidOrderCount1763900001870,
  CrmToManyOrderIndexes1763900001930,
  CrmSearchPendingLists1763900001935,
];
