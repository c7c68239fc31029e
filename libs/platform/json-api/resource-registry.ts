import type { ApiName, ResourceDefinition, ResourceOperation } from './resource-definition';

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

/** The resources of the loaded modules, by type. A resource of a module that is not loaded does not exist. */
export class ResourceRegistry {
  private readonly byType = new Map<string, ResourceDefinition>();
  private readonly modules = new Map<string, string>();

  /** `owners`: each module (or `platform`) with the resources it declares. */
  constructor(owners: Array<{ module: string; resources: ResourceDefinition[] }>) {
    for (const { module, resources } of owners) {
      for (const resource of resources) {
        if (this.byType.has(resource.type)) throw new Error(`Two resources are named '${resource.type}'`);
        this.byType.set(resource.type, resource);
        this.modules.set(resource.type, module);
      }
    }
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
