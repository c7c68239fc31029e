import { AccessLevel, ApiName, Caller, CallerResolver, JsonApiException, Permission } from '../../libs/platform';

/**
 * A stand-in for authentication in engine tests: the caller is read from `x-test-organization`, `x-test-user` and
 * `x-test-access` (JSON `{ "<type>": { "VIEW": "own", ... } }`, default organization-wide everything). No header, 401.
 */
export class HeaderCallerResolver implements CallerResolver {
  async resolve(api: ApiName, headers: Record<string, string | string[] | undefined>): Promise<Caller> {
    const organizationId = headers['x-test-organization'];
    if (typeof organizationId !== 'string') throw JsonApiException.of(401, 'authentication exception', 'A valid access token is required.');
    const user = headers['x-test-user'];
    const access = JSON.parse((headers['x-test-access'] as string | undefined) ?? '{}') as Record<string, Partial<Record<Permission, AccessLevel>>>;
    return {
      api,
      organizationId,
      userId: typeof user === 'string' ? user : null,
      access: (type, permission) => access[type]?.[permission] ?? 'organization',
    };
  }

  /** Background work acts with organization-wide access (what the headers' default gives). */
  async forUser(api: ApiName, organizationId: string, userId: string | null): Promise<Caller> {
    return { api, organizationId, userId, access: () => 'organization' };
  }
}
