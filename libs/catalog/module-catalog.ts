import { commerceManifest } from '../commerce';
import { crmManifest } from '../crm';
import { integrationManifest } from '../integration';
import type { ModuleManifest } from '../platform';

/**
 * Every module the product ships, in dependency order. Only the entry points (apps/*) and the test harness read this
 * list; the modules themselves never see each other.
 */
export const moduleCatalog: ModuleManifest[] = [crmManifest, commerceManifest, integrationManifest];
