import type { ApiName, RelationshipDefinition, ResourceDefinition, ResourceExtension, ResourceOperation } from './resource-definition';

export const ALL_OPERATIONS: readonly ResourceOperation[] = [
  'list',
  'get',
  'create',
  'update',
  'delete',
  'deleteList',
  'getRelationship',
  'updateRelationship',
  'addRelationship',
  'deleteRelationship',
];

/**
 * The resources of the loaded modules, by type, with the relationships other loaded modules add to them. A resource
 * (or an extension) of a module that is not loaded does not exist.
 */
export class ResourceRegistry {
  private readonly byType = new Map<string, ResourceDefinition>();
  private readonly modules = new Map<string, string>();
  private readonly extensions = new Map<string, ResourceExtension[]>();

  private readonly storefront?: ResourceRegistry;

  /**
   * `owners`: each module (or `platform`) with the resources it declares and the ones it extends. `storefrontOwners`:
   * the storefront API's own definitions (its types are Oro's too, e.g. `customers`, with the storefront's fields and
   * access levels), kept apart so that one type can have a definition per API.
   */
  constructor(
    owners: Array<{ module: string; resources: ResourceDefinition[]; extensions?: ResourceExtension[] }>,
    storefrontOwners?: Array<{ module: string; resources: ResourceDefinition[] }>,
  ) {
    if (storefrontOwners) this.storefront = new ResourceRegistry(storefrontOwners);
    for (const { module, resources } of owners) {
      for (const resource of resources) {
        if (this.byType.has(resource.type)) throw new Error(`Two resources are named '${resource.type}'`);
        this.byType.set(resource.type, resource);
        this.modules.set(resource.type, module);
      }
    }
    for (const { module, extensions = [] } of owners) {
      for (const extension of extensions) {
        const resource = this.byType.get(extension.type);
        if (!resource) throw new Error(`Module '${module}' extends '${extension.type}', which no loaded module declares`);
        const clash = Object.keys(extension.relationships).find(
          (name) => resource.attributes[name] || (resource.relationships?.[name] && !(resource.relationships[name].polymorphic && extension.relationships[name].polymorphic)),
        );
        if (clash) throw new Error(`Module '${module}' adds '${clash}' to '${extension.type}', which already has it`);
        this.byType.set(extension.type, { ...resource, relationships: { ...resource.relationships, ...mergeRelationships(resource.relationships ?? {}, extension.relationships) } });
        this.extensions.set(extension.type, [...(this.extensions.get(extension.type) ?? []), extension]);
      }
    }
  }

  /** The registry of one API: the storefront's own definitions, or these. */
  forApi(api: ApiName): ResourceRegistry {
    return api === 'storefront' && this.storefront ? this.storefront : this;
  }

  /** The extensions other modules made to a resource (their relationships are already part of `get(type)`). */
  extensionsOf(type: string): readonly ResourceExtension[] {
    return this.extensions.get(type) ?? [];
  }

  get(type: string): ResourceDefinition | undefined {
    return this.byType.get(type);
  }

  /** The module that declares a resource type (permissions can be granted per module). */
  moduleOf(type: string): string | undefined {
    return this.modules.get(type);
  }

  all(api?: ApiName): ResourceDefinition[] {
    return [...this.byType.values()].filter((r) => !api || r.apis.includes(api)).sort((a, b) => a.type.localeCompare(b.type));
  }

  readonly lookup = (type: string) => this.get(type);

  static offers(resource: ResourceDefinition, operation: ResourceOperation): boolean {
    return (resource.operations ?? ALL_OPERATIONS).includes(operation);
  }
}

export const RESOURCE_REGISTRY = Symbol('RESOURCE_REGISTRY');

/** An extension's relationships; one of the same name as a polymorphic to-one adds its types to it. */
function mergeRelationships(own: Record<string, RelationshipDefinition>, added: Record<string, RelationshipDefinition>): Record<string, RelationshipDefinition> {
  return Object.fromEntries(
    Object.entries(added).map(([name, rel]) => {
      const base = own[name];
      if (!base?.polymorphic || !rel.polymorphic) return [name, rel];
      return [name, { ...base, polymorphic: { ...base.polymorphic, types: { ...base.polymorphic.types, ...rel.polymorphic.types } } }];
    }),
  );
}
