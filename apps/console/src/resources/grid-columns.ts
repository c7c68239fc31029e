import type { AttributeModel, RelationshipModel, ResourceModel } from '../api/resource-model';

export type GridColumn = { id: string; attribute?: AttributeModel; relationship?: RelationshipModel };

/** Every column a grid can show: attributes (not JSON) and to-one relationships. */
export function availableColumns(model: ResourceModel): GridColumn[] {
  return [
    ...model.attributes.filter((a) => a.kind !== 'json').map((attribute) => ({ id: attribute.name, attribute })),
    ...model.relationships.filter((r) => !r.many && r.target).map((relationship) => ({ id: relationship.name, relationship })),
  ];
}

const PREFERRED_RELATIONSHIPS = ['account', 'customer', 'parent', 'status', 'owner'];

/** The columns shown until the user chooses: the first attributes and the most telling to-one relationships. */
export function defaultColumns(model: ResourceModel): string[] {
  // Timestamps other than the creation time say little in a list.
  const attributes = model.attributes.filter((a) => a.kind !== 'json' && (a.kind !== 'datetime' || a.name === 'createdAt'));
  const relationships = PREFERRED_RELATIONSHIPS.filter((name) => model.relationships.some((r) => r.name === name && !r.many));
  return [...attributes.slice(0, 6).map((a) => a.name), ...relationships.slice(0, 2)];
}
