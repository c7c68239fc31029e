import { Command, Query } from '@nestjs/cqrs';
import type { AccountView } from './get-account.query';

/**
 * A customer known to another module (e.g. a commerce customer: `targetType` "commerce.customer", `targetId` its id),
 * linked to exactly one account through a customer association, so that CRM records (opportunities, leads, lifetime
 * value) can point at it without CRM knowing what it is.
 */
export interface CustomerIdentity {
  organizationId: string;
  targetType: string;
  targetId: string;
}

/**
 * Links a customer identity to an account; returns the association id. Idempotent: an identity already registered
 * keeps its association (use `MoveCustomerIdentity` to change its account).
 */
export class RegisterCustomerIdentity extends Command<string> {
  constructor(
    readonly identity: CustomerIdentity,
    readonly accountId: string,
  ) {
    super();
  }
}

/** Moves a registered customer identity (and everything attached to its association) to another account. */
export class MoveCustomerIdentity extends Command<string> {
  constructor(
    readonly identity: CustomerIdentity,
    readonly accountId: string,
  ) {
    super();
  }
}

/**
 * Removes a customer identity's association (when the customer itself is deleted); its opportunities and leads stay
 * on the account itself. Does nothing if none exists.
 */
export class RemoveCustomerIdentity extends Command<void> {
  constructor(readonly identity: CustomerIdentity) {
    super();
  }
}

/** The account a customer identity is linked to. Send it on the query bus; returns an `AccountView` or null. */
export class GetAccountForCustomerIdentity extends Query<AccountView | null> {
  constructor(readonly identity: CustomerIdentity) {
    super();
  }
}

/**
 * Puts an opportunity or a lead on a customer identity of its account (e.g. a commerce customer), or with `identity`
 * null back on the account itself. Refused (`BusinessRuleViolation` on the relationship `customer`) when the identity
 * belongs to another account or has none. A lead without an account takes the identity's.
 */
export class AttachToCustomerIdentity extends Command<void> {
  constructor(
    readonly organizationId: string,
    readonly record: 'opportunity' | 'lead',
    readonly recordId: string,
    readonly identity: CustomerIdentity | null,
  ) {
    super();
  }
}
