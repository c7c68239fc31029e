import type { RelationshipDefinition, ResourceDefinition } from '../resource-definition';
import { ResourceRegistry } from '../resource-registry';

export type RouteKind = 'collection' | 'item' | 'related' | 'relationship';

/** Methods a route answers, from the resource's operations (OPTIONS always). Others get 405 with this list. */
export function allowedMethods(resource: ResourceDefinition, kind: RouteKind, relationship?: RelationshipDefinition): string[] {
  const offers = (op: Parameters<typeof ResourceRegistry.offers>[1]) => ResourceRegistry.offers(resource, op);
  const methods = ['OPTIONS'];
  switch (kind) {
    case 'collection':
      if (offers('list')) methods.push('GET');
      if (offers('create')) methods.push('POST');
      if (offers('create') || offers('update')) methods.push('PATCH');
      if (offers('deleteList')) methods.push('DELETE');
      break;
    case 'item':
      if (offers('get')) methods.push('GET');
      if (offers('update')) methods.push('PATCH');
      if (offers('delete')) methods.push('DELETE');
      break;
    case 'related':
      if (offers('getRelationship')) methods.push('GET');
      break;
    case 'relationship':
      if (offers('getRelationship')) methods.push('GET');
      if (relationship && !relationship.readOnly) {
        if (offers('updateRelationship')) methods.push('PATCH');
        if (relationship.cardinality === 'many' && offers('addRelationship')) methods.push('POST');
        if (relationship.cardinality === 'many' && offers('deleteRelationship')) methods.push('DELETE');
      }
      break;
  }
  return methods;
}
