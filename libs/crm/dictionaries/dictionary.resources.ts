import { defineResource } from '../../platform';
import { DICTIONARIES, DictionaryType } from './dictionaries';

/** A read-only option list (same for every organization): id, name (label), priority (display order). */
function dictionaryResource(type: DictionaryType) {
  const { view, field } = DICTIONARIES[type];
  return defineResource({
    type,
    table: `crm.${view}`,
    apis: ['admin'],
    idType: 'text',
    organizationColumn: null,
    operations: ['list', 'get'],
    title: 'name',
    description: `The values of ${field} (read-only).`,
    attributes: {
      name: { type: 'string', readOnly: true, filter: true, sort: true },
      priority: { type: 'integer', readOnly: true, sort: true },
      default: { type: 'boolean', readOnly: true, column: 'is_default' },
    },
  });
}

export const dictionaryResources = (Object.keys(DICTIONARIES) as DictionaryType[]).map(dictionaryResource);
