import type { ResourceDefinition } from '../../platform';

/**
 * A storefront view of a back-office resource: the same table and field definitions (one definition of each field),
 * only the fields a customer user may see (read-only unless listed in `writable`), and the storefront's frontend owner
 * for the access levels.
 */
export function storefrontView(
  admin: ResourceDefinition,
  view: {
    attributes: string[];
    relationships: Record<string, string | { from: string; type?: string }>;
    frontendOwner: NonNullable<ResourceDefinition['frontendOwner']>;
    description: string;
    /** Fields a customer user may write (with `operations` and `writes`); the others stay read-only. */
    writable?: string[];
    operations?: ResourceDefinition['operations'];
    writes?: ResourceDefinition['writes'];
  },
): ResourceDefinition {
  const writable = new Set(view.writable ?? []);
  const relationships = Object.fromEntries(
    Object.entries(view.relationships).map(([name, source]) => {
      const from = typeof source === 'string' ? source : source.from;
      const base = admin.relationships![from];
      if (!base) throw new Error(`${admin.type} has no relationship '${from}'`);
      const access = writable.has(name) ? { readOnly: false, required: false } : { readOnly: true };
      return [name, { ...base, ...(typeof source === 'object' && source.type ? { type: source.type } : {}), ...access, description: undefined }];
    }),
  );
  return {
    type: admin.type,
    table: admin.table,
    apis: ['storefront'],
    title: admin.title,
    description: view.description,
    operations: view.operations ?? ['list', 'get', 'getRelationship'],
    ...(view.writes ? { writes: view.writes } : {}),
    frontendOwner: view.frontendOwner,
    attributes: Object.fromEntries(
      view.attributes.map((name) => {
        const attribute = admin.attributes[name];
        if (!attribute) throw new Error(`${admin.type} has no attribute '${name}'`);
        return [name, writable.has(name) ? attribute : { ...attribute, readOnly: true }];
      }),
    ),
    relationships,
  };
}
