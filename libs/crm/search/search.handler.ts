import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { SearchCustomers } from './search.query';

interface SearchSource {
  table: string;
  /** The searched name (the indexed expression). */
  name: string;
  /** Child tables of e-mails and phones: [table, column, foreign key]. */
  items: Array<[string, string, string]>;
}

const SOURCES: Record<string, SearchSource> = {
  accounts: { table: 'crm.account', name: 'r.name', items: [] },
  contacts: {
    table: 'crm.contact',
    name: "(coalesce(r.first_name, '') || ' ' || coalesce(r.last_name, ''))",
    items: [['crm.contact_email', 'email', 'contact_id'], ['crm.contact_phone', 'phone', 'contact_id']],
  },
  b2bcustomers: {
    table: 'crm.b2b_customer',
    name: 'r.name',
    items: [['crm.b2b_customer_email', 'email', 'b2b_customer_id'], ['crm.b2b_customer_phone', 'phone', 'b2b_customer_id']],
  },
};
const MAX_RESULTS = 50;

/**
 * Substring search (trigram indexes) over names, e-mails and phones, ranked by trigram similarity with a bonus for
 * names that start with the text, limited to what the caller may see of each type.
 */
@QueryHandler(SearchCustomers)
export class SearchCustomersHandler implements IQueryHandler<SearchCustomers> {
  constructor(private readonly store: CrmStore) {}

  async execute({ caller, parameters }: SearchCustomers) {
    const text = (parameters.q ?? '').trim();
    if (text.length < 2 || text.length > 100) throw new BusinessRuleViolation('The search text "q" needs 2 to 100 characters.');
    const types = (parameters.types ?? Object.keys(SOURCES).join(',')).split(',').map((t) => t.trim()).filter(Boolean);
    const unknown = types.filter((t) => !SOURCES[t]);
    if (unknown.length) throw new BusinessRuleViolation(`Unknown types: ${unknown.join(', ')}. Searchable: ${Object.keys(SOURCES).join(', ')}.`);
    const size = Math.min(MAX_RESULTS, Math.max(1, Number(parameters['page[size]'] ?? 10) || 10));
    const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
    const params: unknown[] = [text, `%${escaped}%`, `${escaped}%`, caller.organizationId, caller.userId];
    const parts = types
      .filter((type) => caller.access(type, 'VIEW') !== 'none')
      .map((type) => this.sourceSql(type, SOURCES[type], caller.access(type, 'VIEW') === 'own'));
    if (parts.length === 0) return { data: [], meta: { q: text } };
    const rows = await this.store.query(`${parts.join(' UNION ALL ')} ORDER BY rank DESC, title, id LIMIT ${size}`, params);
    return {
      data: rows.map((r: { type: string; id: string; title: string; rank: number }) => ({
        type: r.type,
        id: r.id,
        meta: { title: r.title, rank: Math.round(r.rank * 1000) / 1000 },
        links: { self: `/admin/api/${r.type}/${r.id}` },
      })),
      meta: { q: text },
    };
  }

  private sourceSql(type: string, source: SearchSource, ownOnly: boolean): string {
    const itemMatch = (op: 'exists' | 'similarity') =>
      source.items.map(([table, column, key]) =>
        op === 'exists'
          ? `EXISTS (SELECT 1 FROM ${table} i WHERE i.${key} = r.id AND i.${column} ILIKE $2)`
          : `coalesce((SELECT max(similarity(i.${column}, $1)) FROM ${table} i WHERE i.${key} = r.id AND i.${column} ILIKE $2), 0)`,
      );
    return `(SELECT '${type}' AS type, r.id::text AS id, trim(${source.name}) AS title,
        greatest(similarity(${source.name}, $1)${itemMatch('similarity').map((s) => `, ${s}`).join('')})
          + CASE WHEN ${source.name} ILIKE $3 THEN 1 ELSE 0 END AS rank
      FROM ${source.table} r
      WHERE r.organization_id = $4 AND (${ownOnly} = false OR r.owner_id = $5::bigint)
        AND (${[`${source.name} ILIKE $2`, ...itemMatch('exists')].join(' OR ')}))`;
  }
}
