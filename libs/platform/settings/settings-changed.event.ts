/**
 * Published (through the outbox) when an organization's settings section changed: the fields whose value changed,
 * with their values before and after. Modules react to their own sections (e.g. a strategy switch).
 */
export class SettingsChanged {
  static readonly topic = 'platform.settings.changed';

  constructor(
    readonly organizationId: string,
    readonly section: string,
    readonly before: Record<string, unknown>,
    readonly after: Record<string, unknown>,
  ) {}
}
