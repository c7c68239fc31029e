import { Command, Query } from '@nestjs/cqrs';
import type { Permission, StorefrontIdentity } from '../json-api/caller';

/**
 * Storefront sign-in asks the module that keeps customer users (Commerce) through these messages, so the platform
 * knows no module. Without such a module no handler answers and no storefront user exists.
 */

/** A customer user who could be signing in: its password hash, and why it may not sign in (null: it may). */
export interface StorefrontSignInCandidate {
  id: string;
  organizationId: string;
  passwordHash: string | null;
  /** Oro's refusal message (disabled, not confirmed, guest, password reset…), or null. */
  refusal: string | null;
}

/** The customer users with this e-mail (as the organization's settings compare it), of one organization or of all. */
export class FindStorefrontSignInCandidates extends Query<StorefrontSignInCandidate[]> {
  constructor(
    readonly email: string,
    readonly organizationId: string | null,
  ) {
    super();
  }
}

/** Why this customer user may no longer act (refresh grant), or null when it may; "" when it does not exist. */
export class GetStorefrontUserRefusal extends Query<string | null> {
  constructor(
    readonly organizationId: string,
    readonly customerUserId: string,
  ) {
    super();
  }
}

/** A customer user signed in: its login count and time are recorded. */
export class RecordStorefrontSignIn extends Command<void> {
  constructor(readonly customerUserId: string) {
    super();
  }
}

/** A storefront caller's company and grants (each entity × permission at its best level over the user's roles). */
export interface StorefrontCallerView extends Omit<StorefrontIdentity, 'customerUserId'> {
  grants: Array<{ entity: string; permission: Permission; level: 'user' | 'department' | 'corporate' | 'full' }>;
}

/** Who a storefront token's customer user is now, or null when it may no longer act (disabled, deleted…). */
export class ResolveStorefrontCaller extends Query<StorefrontCallerView | null> {
  constructor(
    readonly organizationId: string,
    readonly customerUserId: string,
  ) {
    super();
  }
}
