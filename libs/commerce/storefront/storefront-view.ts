import type { ResourceDefinition } from '../../platform';

/**
 * A read-only storefront view of a back-office resource: the same table and field definitions (one definition of each
 * field), only the fields a customer user may see, and the storefront's frontend owner for the access levels.
 */
export function storefrontView(
  admin: ResourceDefinition,
  view: {
    attributes: string[];
    relationships: Record<string, string | { from: string; type?: string }>;
    frontendOwner: NonNullable<ResourceDefinition['frontendOwner']>;
    description: string;
  },
): ResourceDefinition {
  const relationships = Object.fromEntries(
    Object.entries(view.relationships).map(([name, source]) => {
      const from = typeof source === 'string' ? source : source.from;
      const base = admin.relationships![from];
      if (!base) throw new Error(`${admin.type} has no relationship '${from}'`);
      return [name, { ...base, ...(typeof source === 'object' && source.type ? { type: source.type } : {}), readOnly: true, description: undefined }];
    }),
  );
  return {
    type: admin.type,
    table: admin.table,
    apis: ['storefront'],
    title: admin.title,
    description: view.description,
    operations: ['list', 'get', 'getRelationship'],
    frontendOwner: view.frontendOwner,
    attributes: Object.fromEntries(
      view.attributes.map((name) => {
        const attribute = admin.attributes[name];
        if (!attribute) throw new Error(`${admin.type} has no attribute '${name}'`);
        return [name, { ...attribute, readOnly: true }];
      }),
    ),
    relationships,
  };
}
