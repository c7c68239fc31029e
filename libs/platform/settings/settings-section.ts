import type { z } from 'zod';
import type { AppConfig } from '../config/app-config';
import type { Queryable } from '../database/queryable';

/** One setting: how its value is checked, its default, and what it does (shown in the API description). */
export interface SettingDefinition {
  schema: z.ZodType;
  /** A value, or a function of the configuration (e.g. the base currency comes from BASE_CURRENCY). */
  default: unknown | ((config: AppConfig) => unknown);
  description: string;
  /** The value is the id of a back-office user of the organization (checked when it is stored). */
  user?: true;
}

/**
 * A section of organization settings (Oro's system configuration), read with `Settings.get` and edited through
 * `/admin/api/settings/{name}`. Modules declare theirs in their manifest; a section exists only while its module runs.
 */
export interface SettingsSection {
  name: string;
  description: string;
  fields: Record<string, SettingDefinition>;
  /**
   * Rules that need the organization's data (e.g. "no duplicates may exist before this is switched on"), run in the
   * transaction that stores the change; returns a message per refused field.
   */
  check?: (change: Record<string, unknown>, organizationId: string, db: Queryable) => Promise<Record<string, string>>;
  /**
   * Read-only values shown with the section and never stored, e.g. the progress of background work its settings
   * started: `fields` describes them (API documentation), `read` gives them on every GET. Sent in a PATCH they are
   * ignored, as read-only attributes are.
   */
  status?: {
    fields: Record<string, { schema: z.ZodType; description: string }>;
    read: (organizationId: string, db: Queryable) => Promise<Record<string, unknown>>;
  };
}

export function defineSettingsSection(section: SettingsSection): SettingsSection {
  return section;
}

export function defaultValue(definition: SettingDefinition, config: AppConfig): unknown {
  return typeof definition.default === 'function' ? (definition.default as (c: AppConfig) => unknown)(config) : definition.default;
}
