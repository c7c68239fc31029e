import { useApp } from '../harness/use-app';

/** Declares, inside a `describe`, an app with the CRM module only (see useApp). */
export const useCrmApp = () => useApp(['crm']);
