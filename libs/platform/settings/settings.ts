import { Inject, Injectable } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { prepared } from '../database/prepared-statement';
import type { Queryable } from '../database/queryable';
import { TransactionRunner } from '../database/transaction-runner';
import { Directory } from '../identity/directory';
import { Outbox } from '../messaging/outbox';
import { SettingsChanged } from './settings-changed.event';
import { SettingsSection, defaultValue } from './settings-section';

export const SETTINGS_SECTIONS = Symbol('SETTINGS_SECTIONS');

// Read on hot paths (the base currency of every customer overview): prepared once per connection.
const SETTING_VALUE = prepared(`SELECT value FROM platform.setting WHERE organization_id = $1 AND section = $2`);

/** Every field of a section with its current value. */
export type SectionValues = Record<string, unknown>;

/**
 * Organization settings: the defaults of each section overlaid with what the organization stored. Read inside the
 * caller's transaction, so a command sees settings changed earlier in it.
 */
@Injectable()
export class Settings {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly config: AppConfigService,
    @Inject(SETTINGS_SECTIONS) private readonly sections: SettingsSection[],
    private readonly outbox: Outbox,
    private readonly directory: Directory,
  ) {}

  all(): SettingsSection[] {
    return this.sections;
  }

  section(name: string): SettingsSection | undefined {
    return this.sections.find((s) => s.name === name);
  }

  async get<T extends object = SectionValues>(organizationId: string, name: string): Promise<T> {
    const section = this.section(name);
    if (!section) throw new Error(`Unknown settings section "${name}"`);
    const [row] = await (this.tx.manager as Queryable).query(SETTING_VALUE, [organizationId, name]);
    const stored: SectionValues = row?.value ?? {};
    const values: SectionValues = {};
    for (const [key, definition] of Object.entries(section.fields)) {
      // A stored value that no longer passes the field's schema (the schema changed) falls back to the default.
      const parsed = key in stored ? definition.schema.safeParse(stored[key]) : undefined;
      values[key] = parsed?.success ? parsed.data : defaultValue(definition, this.config.all());
    }
    return values as T;
  }

  /** The section's read-only status values (see `SettingsSection.status`); none for most sections. */
  async status(organizationId: string, name: string): Promise<SectionValues> {
    return (await this.section(name)?.status?.read(organizationId, this.tx.manager)) ?? {};
  }

  /**
   * Stores values (already checked by their schemas) of some fields of a section, the others keeping theirs, unless
   * the section's own check refuses some: then nothing is stored and the refusals (field → message) are returned.
   */
  async update(organizationId: string, name: string, values: SectionValues): Promise<Record<string, string>> {
    return this.tx.run(async (db) => {
      const refused = { ...(await this.unknownUsers(organizationId, name, values)), ...((await this.section(name)?.check?.(values, organizationId, db)) ?? {}) };
      if (Object.keys(refused).length > 0) return refused;
      const current = await this.get(organizationId, name);
      await this.store(db, organizationId, name, values);
      const changed = Object.keys(values).filter((key) => JSON.stringify(current[key]) !== JSON.stringify(values[key]));
      if (changed.length > 0) {
        const pick = (from: SectionValues) => Object.fromEntries(changed.map((key) => [key, from[key]]));
        await this.outbox.publish(new SettingsChanged(organizationId, name, pick(current), pick(values)));
      }
      return refused;
    });
  }

  /** Fields holding a user id (`user: true`) whose user is not of the organization. */
  private async unknownUsers(organizationId: string, name: string, values: SectionValues): Promise<Record<string, string>> {
    const refused: Record<string, string> = {};
    for (const [key, definition] of Object.entries(this.section(name)?.fields ?? {})) {
      const value = values[key];
      if (!definition.user || typeof value !== 'string') continue;
      if ((await this.directory.usersOutside(organizationId, [value])).length > 0) refused[key] = 'The user does not exist in this organization.';
    }
    return refused;
  }

  private async store(db: Queryable, organizationId: string, name: string, values: SectionValues): Promise<void> {
    await db.query(
      `INSERT INTO platform.setting (organization_id, section, value) VALUES ($1, $2, $3::jsonb)
       ON CONFLICT (organization_id, section) DO UPDATE SET value = platform.setting.value || EXCLUDED.value, updated_at = now()`,
      [organizationId, name, JSON.stringify(values)],
    );
  }

  /** The organization's base currency (section `currency`). */
  async baseCurrency(organizationId: string): Promise<string> {
    return (await this.get<{ baseCurrency: string }>(organizationId, 'currency')).baseCurrency;
  }
}
