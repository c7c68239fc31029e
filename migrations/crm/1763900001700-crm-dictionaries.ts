import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The options of each dictionary as installed: [id, Oro's label]. The CRM module reads its field values from here. */
export const DICTIONARY_OPTIONS = {
  lead_status: [['new', 'New'], ['qualified', 'Qualified'], ['canceled', 'Disqualified']],
  opportunity_status: [
    ['in_progress', 'Open'],
    ['identification_alignment', 'Identification & Alignment'],
    ['needs_analysis', 'Needs Analysis'],
    ['solution_development', 'Solution Development'],
    ['negotiation', 'Negotiation'],
    ['won', 'Closed Won'],
    ['lost', 'Closed Lost'],
  ],
  opportunity_close_reason: [['outsold', 'Outsold'], ['won', 'Won'], ['cancelled', 'Cancelled']],
  contact_source: [['call', 'Call'], ['tv', 'TV'], ['website', 'Website'], ['other', 'Other']],
  contact_method: [['phone', 'Phone'], ['email', 'Email'], ['mail', 'Mail']],
} satisfies Record<string, ReadonlyArray<readonly [string, string]>>;
const DEFAULTS: Record<string, string | undefined> = { lead_status: 'new', opportunity_status: 'in_progress' };

/** The option lists of CRM's enum fields, one view per list for its read-only dictionary resource. */
export class CrmDictionaries1763900001700 implements MigrationInterface {
  name = 'CrmDictionaries1763900001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE crm.dictionary_option (
        dictionary text NOT NULL,
        id varchar(64) NOT NULL,
        name varchar(255) NOT NULL,
        priority int NOT NULL,
        is_default boolean NOT NULL DEFAULT false,
        PRIMARY KEY (dictionary, id)
      )`);
    for (const [dictionary, options] of Object.entries(DICTIONARY_OPTIONS)) {
      await q.query(
        `INSERT INTO crm.dictionary_option (dictionary, id, name, priority, is_default)
         SELECT $1, o.id, o.name, o.priority, o.id IS NOT DISTINCT FROM $4::text FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS o(id, name, priority)`,
        [dictionary, options.map(([id]) => id), options.map(([, name]) => name), DEFAULTS[dictionary] ?? null],
      );
      await q.query(`CREATE VIEW crm.${dictionary} AS SELECT id, name, priority, is_default FROM crm.dictionary_option WHERE dictionary = '${dictionary}'`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const dictionary of Object.keys(DICTIONARY_OPTIONS)) await q.query(`DROP VIEW crm.${dictionary}`);
    await q.query(`DROP TABLE crm.dictionary_option`);
  }
}
