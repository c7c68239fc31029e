import { CrmSchema1763900000100 } from './1763900000100-crm-schema';

export const crmMigrations = [CrmSchema1763900000100];
