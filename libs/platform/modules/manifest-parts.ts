import type { ModuleSchema } from '../database/module-schema';
import type { ModuleImportFormats } from '../import-export/import-format';
import type { MessagingModule } from '../messaging/messaging-registry';
import type { ReconciledModule } from '../reconciliation/reconciler';
import type { ScheduledModule } from '../schedules/scheduled-job';

/**
 * The parts of a manifest that layers below this one read: each names its part itself, since it may not import the
 * manifest. `PlatformModule` hands the manifests over as these parts, so the compiler checks that a manifest is each.
 */
export type ManifestParts = ModuleSchema & MessagingModule & ReconciledModule & ScheduledModule & ModuleImportFormats;
