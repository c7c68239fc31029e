import { type QueryBus, QueryHandlerNotFoundException } from '@nestjs/cqrs';
import type { Queryable } from '../database/queryable';
import type { ApiName } from '../json-api/resource-definition';
import type { Caller, CallerResolver } from '../json-api/caller';
import { JsonApiException } from '../json-api/json-api-exception';
import type { ResourceRegistry } from '../json-api/resource-registry';
import type { AccessTokens } from './access-tokens';
import { PermissionGrant, accessLevel } from './role-permissions';
import { ResolveStorefrontCaller, type StorefrontCallerView } from './storefront-users';

/** Storefront levels from weakest to strongest; `full` (records without an owner) reads as the whole organization. */
const STOREFRONT_LEVELS = ['none', 'user', 'department', 'corporate', 'full'] as const;

const TOKEN_KIND: Record<ApiName, string> = { admin: 'backoffice', storefront: 'storefront' };

/**
 * Bearer tokens → callers. A token only opens the API of its kind (back-office tokens are refused on the storefront
 * API and the other way round); the user and organization must still be enabled; permissions come from the user's
 * roles. Those are reused for `cacheMs` (one query less per request): a change made through this process applies at
 * once (`identitiesChanged`), one made elsewhere (another replica, the CLI) within `cacheMs`.
 */
export class TokenCallerResolver implements CallerResolver {
  private readonly grantsByUser = new Map<string, { grants: PermissionGrant[]; until: number }>();

  constructor(
    private readonly db: Queryable,
    private readonly tokens: AccessTokens,
    private readonly registry: ResourceRegistry,
    private readonly cacheMs = 0,
    private readonly queries?: QueryBus,
  ) {}

  identitiesChanged(): void {
    this.grantsByUser.clear();
  }

  async resolve(api: ApiName, headers: Record<string, string | string[] | undefined>): Promise<Caller> {
    const match = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)$/i.exec(String(headers.authorization ?? ''));
    if (!match) throw unauthorized('A valid access token is required.');
    const claims = await this.tokens.verify(match[1]);
    if (!claims || claims.kind !== TOKEN_KIND[api]) throw unauthorized('The access token is invalid or expired.');
    if (claims.kind === 'storefront') {
      // A storefront client acting for no customer user opens nothing.
      if (claims.userId === null) return { api, organizationId: claims.organizationId, userId: null, access: () => 'none' };
      const caller = await this.forCustomerUser(api, claims.organizationId, claims.userId);
      if (!caller) throw unauthorized('The access token is invalid or expired.');
      return caller;
    }
    const caller = await this.forUser(api, claims.organizationId, claims.userId);
    if (!caller) throw unauthorized('The access token is invalid or expired.');
    return caller;
  }

  async forUser(api: ApiName, organizationId: string, userId: string | null): Promise<Caller | null> {
    const grants = await this.grantsOf(userId, organizationId);
    if (!grants) return null;
    return { api, organizationId, userId, access: (type, permission) => accessLevel(grants, type, this.registry.moduleOf(type), permission) };
  }

  /**
   * A customer user's caller, from the module that keeps customer users (its customer, the customer tree, its roles'
   * storefront permissions), or null when it may no longer act. Read on every request: a role or tree change applies
   * at once.
   */
  private async forCustomerUser(api: ApiName, organizationId: string, customerUserId: string): Promise<Caller | null> {
    let view: StorefrontCallerView | null = null;
    try {
      view = this.queries ? await this.queries.execute(new ResolveStorefrontCaller(organizationId, customerUserId)) : null;
    } catch (error) {
      if (!(error instanceof QueryHandlerNotFoundException)) throw error;
    }
    if (!view) return null;
    const best = new Map<string, number>();
    for (const { entity, permission, level } of view.grants) {
      const key = `${entity}:${permission}`;
      best.set(key, Math.max(best.get(key) ?? 0, STOREFRONT_LEVELS.indexOf(level)));
    }
    return {
      api,
      organizationId,
      userId: customerUserId,
      storefront: { customerUserId, customerId: view.customerId, corporateCustomerIds: view.corporateCustomerIds },
      access: (type, permission) => {
        const level = STOREFRONT_LEVELS[best.get(`${type}:${permission}`) ?? 0];
        return level === 'full' ? 'organization' : level;
      },
    };
  }

  /** The grants of an enabled user of an enabled organization, or null. */
  private async grantsOf(userId: string | null, organizationId: string): Promise<PermissionGrant[] | null> {
    if (userId === null) return null;
    const key = `${organizationId}:${userId}`;
    const cached = this.grantsByUser.get(key);
    if (cached && cached.until > Date.now()) return cached.grants;
    const [user] = await this.db.query(
      `SELECT coalesce(jsonb_agg(r.permissions) FILTER (WHERE r.id IS NOT NULL), '[]') AS grants
       FROM platform.user_account u
       JOIN platform.organization o ON o.id = u.organization_id AND o.enabled
       LEFT JOIN platform.user_role ur ON ur.user_id = u.id
       LEFT JOIN platform.role r ON r.id = ur.role_id
       WHERE u.id = $1 AND u.organization_id = $2 AND u.enabled
       GROUP BY u.id`,
      [userId, organizationId],
    );
    if (!user) {
      this.grantsByUser.delete(key);
      return null;
    }
    const grants = (user.grants as PermissionGrant[][]).flat();
    if (this.cacheMs > 0) {
      // Bounded: a burst of distinct users cannot grow the map without end.
      if (this.grantsByUser.size >= 10_000) this.grantsByUser.clear();
      this.grantsByUser.set(key, { grants, until: Date.now() + this.cacheMs });
    }
    return grants;
  }
}

function unauthorized(detail: string): JsonApiException {
  return new JsonApiException([{ status: '401', title: 'authentication exception', detail }], { 'www-authenticate': 'Bearer' });
}
