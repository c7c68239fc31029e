import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { Directory, FindStorefrontSignInCandidates, GetStorefrontUserRefusal, RecordStorefrontSignIn, ResolveStorefrontCaller, Settings, type StorefrontCallerView, type StorefrontSignInCandidate } from '../../platform';
import type { CustomerSettings } from '../settings/customer.settings';
import { CommerceStore } from '../shared/commerce-store';

interface SignInRow {
  id: string;
  organization_id: string;
  email: string;
  password_hash: string | null;
  enabled: boolean;
  confirmed: boolean;
  is_guest: boolean;
  auth_status: string;
  owner_id: string | null;
}

const COLUMNS = `cu.id::text AS id, cu.organization_id::text AS organization_id, cu.email, cu.password_hash, cu.enabled, cu.confirmed,
  cu.is_guest, cu.auth_status, cu.owner_id::text AS owner_id`;

/**
 * What every customer user may do whatever its roles (consents are not behind roles in Oro either): read the active
 * consents, and read, give and withdraw its own acceptances.
 */
const EVERY_CUSTOMER_USER: StorefrontCallerView['grants'] = [
  { entity: 'consents', permission: 'VIEW', level: 'full' },
  ...(['VIEW', 'CREATE', 'DELETE'] as const).map((permission) => ({ entity: 'consentacceptances', permission, level: 'user' as const })),
];

/** Why a customer user may not sign in (domain §2.3, Oro's `CustomerUserChecker` order: guest and reset first), or null. */
function refusalOf(user: SignInRow): string | null {
  if (user.is_guest) return 'The customer user is a guest; guests cannot sign in.';
  if (user.auth_status === 'reset') return 'The password of the customer user was reset; set a new one with the link e-mailed to you (POST /api/passwordresets).';
  if (!user.enabled) return 'The customer user is disabled.';
  if (!user.confirmed) return 'The customer user is not confirmed.';
  if (!user.owner_id) return 'The customer user has no owner.';
  return null;
}

/** The customer users with an e-mail, compared as each organization's `caseInsensitiveEmailAddressesEnabled` says. */
@QueryHandler(FindStorefrontSignInCandidates)
export class FindStorefrontSignInCandidatesHandler implements IQueryHandler<FindStorefrontSignInCandidates, StorefrontSignInCandidate[]> {
  constructor(
    private readonly store: CommerceStore,
    private readonly settings: Settings,
    private readonly directory: Directory,
  ) {}

  async execute({ email, organizationId }: FindStorefrontSignInCandidates): Promise<StorefrontSignInCandidate[]> {
    // Users of disabled organizations cannot sign in.
    const rows: SignInRow[] = await this.store.query(
      `SELECT ${COLUMNS} FROM commerce.customer_user cu
       WHERE cu.email_lowercase = lower($1) AND ($2::bigint IS NULL OR cu.organization_id = $2) AND cu.organization_id = ANY($3::bigint[])
       ORDER BY cu.is_guest, cu.id LIMIT 20`,
      [email, organizationId, await this.directory.enabledOrganizationIds()],
    );
    const candidates: StorefrontSignInCandidate[] = [];
    for (const row of rows) {
      const { caseInsensitiveEmailAddressesEnabled } = await this.settings.get<CustomerSettings>(row.organization_id, 'customer');
      if (!caseInsensitiveEmailAddressesEnabled && row.email !== email) continue;
      candidates.push({ id: row.id, organizationId: row.organization_id, passwordHash: row.password_hash, refusal: refusalOf(row) });
    }
    return candidates;
  }
}

@QueryHandler(GetStorefrontUserRefusal)
export class GetStorefrontUserRefusalHandler implements IQueryHandler<GetStorefrontUserRefusal, string | null> {
  constructor(
    private readonly store: CommerceStore,
    private readonly directory: Directory,
  ) {}

  async execute({ organizationId, customerUserId }: GetStorefrontUserRefusal): Promise<string | null> {
    if (!(await this.directory.isOrganizationEnabled(organizationId))) return '';
    const [row]: SignInRow[] = await this.store.query(`SELECT ${COLUMNS} FROM commerce.customer_user cu WHERE cu.id = $1 AND cu.organization_id = $2`, [
      customerUserId,
      organizationId,
    ]);
    return row ? refusalOf(row) : '';
  }
}

@CommandHandler(RecordStorefrontSignIn)
export class RecordStorefrontSignInHandler implements ICommandHandler<RecordStorefrontSignIn, void> {
  constructor(private readonly store: CommerceStore) {}

  async execute({ customerUserId }: RecordStorefrontSignIn): Promise<void> {
    await this.store.query(`UPDATE commerce.customer_user SET last_login = now(), login_count = login_count + 1 WHERE id = $1`, [customerUserId]);
  }
}

/**
 * A storefront token's customer user as a caller: its customer, the customer's subtree (GIN lookup on `path`) and the
 * permissions of its roles; null when it may no longer sign in (the token then opens nothing: 401).
 */
@QueryHandler(ResolveStorefrontCaller)
export class ResolveStorefrontCallerHandler implements IQueryHandler<ResolveStorefrontCaller, StorefrontCallerView | null> {
  constructor(
    private readonly store: CommerceStore,
    private readonly directory: Directory,
  ) {}

  async execute({ organizationId, customerUserId }: ResolveStorefrontCaller): Promise<StorefrontCallerView | null> {
    if (!(await this.directory.isOrganizationEnabled(organizationId))) return null;
    const [row] = await this.store.query(
      `SELECT ${COLUMNS}, cu.customer_id::text AS customer_id,
              ARRAY(SELECT c.id::text FROM commerce.customer c WHERE c.path @> ARRAY[cu.customer_id] ORDER BY c.id) AS corporate,
              coalesce((SELECT jsonb_agg(jsonb_build_object('entity', p.entity, 'permission', p.permission, 'level', p.access_level))
                        FROM commerce.customer_user_to_role ur JOIN commerce.customer_user_role_permission p ON p.role_id = ur.role_id
                        WHERE ur.customer_user_id = cu.id AND p.access_level <> 'none'), '[]') AS grants
       FROM commerce.customer_user cu WHERE cu.id = $1 AND cu.organization_id = $2`,
      [customerUserId, organizationId],
    );
    if (!row || refusalOf(row)) return null;
    return { customerId: row.customer_id, corporateCustomerIds: row.corporate, grants: [...row.grants, ...EVERY_CUSTOMER_USER] };
  }
}
