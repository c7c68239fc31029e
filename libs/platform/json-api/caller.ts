import type { ApiName } from './api-name';

export type AccessLevel = 'none' | 'own' | 'organization';
export type Permission = 'VIEW' | 'CREATE' | 'EDIT' | 'DELETE' | 'ASSIGN';

/** Who is calling: resolved from the request's credentials before any resource route runs. */
export interface Caller {
  api: ApiName;
  organizationId: string;
  userId: string | null;
  /** The access level this caller has for a permission on a resource type. */
  access(resourceType: string, permission: Permission): AccessLevel;
}

/** Resolves the caller of a request, or throws a 401 JsonApiException. Provided by the authentication layer. */
export interface CallerResolver {
  resolve(api: ApiName, headers: Record<string, string | string[] | undefined>): Promise<Caller>;
  /** A user acting without a request (background work it started), or null if it may no longer act. */
  forUser(api: ApiName, organizationId: string, userId: string | null): Promise<Caller | null>;
  /** Users, roles or organizations changed: what the resolver remembers of them is stale. */
  identitiesChanged?(): void;
}

export const CALLER_RESOLVER = Symbol('CALLER_RESOLVER');

/** The caller, reading at least its own records of a resource that lets owners see theirs (`ownerMayView`). */
export function withOwnerView(caller: Caller, resource: { type: string; ownerMayView?: boolean }): Caller {
  if (!resource.ownerMayView || caller.userId === null) return caller;
  return {
    ...caller,
    access: (type, permission) => {
      const level = caller.access(type, permission);
      return type === resource.type && permission === 'VIEW' && level === 'none' ? 'own' : level;
    },
  };
}
