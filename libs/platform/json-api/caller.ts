import type { ApiName } from './api-name';

/**
 * Back office: none, own (records the user owns), organization. Storefront (domain §5.1): user (records of the
 * customer user), department (of its customer), corporate (of its customer and all descendants).
 */
export type AccessLevel = 'none' | 'own' | 'organization' | 'user' | 'department' | 'corporate';

/** Who a storefront caller is in its company: what the storefront levels are measured against. */
export interface StorefrontIdentity {
  customerUserId: string;
  customerId: string;
  /** The customer and all its descendants (the customer tree), for the corporate level. */
  corporateCustomerIds: string[];
}
export type Permission = 'VIEW' | 'CREATE' | 'EDIT' | 'DELETE' | 'ASSIGN';

/** Who is calling: resolved from the request's credentials before any resource route runs. */
export interface Caller {
  api: ApiName;
  organizationId: string;
  userId: string | null;
  /** A customer user on the storefront API. */
  storefront?: StorefrontIdentity;
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
