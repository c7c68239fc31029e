import { IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import { Settings } from '../../platform';
import { CommerceStore } from '../shared/commerce-store';
import { caseInsensitiveEmails, sameEmailSql } from './customer-user-email';

/**
 * The stored e-mails that e-mails of an import file stand for (domain §6.2: the identity is the e-mail, regardless of
 * case unless the organization switched it off): given e-mail → the stored one (of a non-guest user first, then the
 * oldest). An e-mail left out matches no customer user.
 */
export class MatchCustomerUserEmails extends Query<Map<string, string>> {
  constructor(
    readonly organizationId: string,
    readonly emails: string[],
  ) {
    super();
  }
}

@QueryHandler(MatchCustomerUserEmails)
export class MatchCustomerUserEmailsHandler implements IQueryHandler<MatchCustomerUserEmails, Map<string, string>> {
  constructor(
    private readonly store: CommerceStore,
    private readonly settings: Settings,
  ) {}

  async execute({ organizationId, emails }: MatchCustomerUserEmails): Promise<Map<string, string>> {
    if (emails.length === 0) return new Map();
    const rows: Array<{ given: string; stored: string }> = await this.store.query(
      `SELECT DISTINCT ON (v.email) v.email AS given, u.email AS stored
       FROM unnest($2::text[]) v(email) JOIN commerce.customer_user u ON u.organization_id = $1 AND ${sameEmailSql('u', 'v.email', '$3::boolean')}
       ORDER BY v.email, u.is_guest, u.id`,
      [organizationId, emails, await caseInsensitiveEmails(this.settings, organizationId)],
    );
    return new Map(rows.map((r) => [r.given, r.stored]));
  }
}
