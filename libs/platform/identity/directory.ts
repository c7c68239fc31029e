import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';

const ID = /^\d{1,18}$/;

/**
 * What modules may know of the platform's organizations and back-office users, without reading the platform's tables:
 * the reads run in the caller's transaction.
 */
@Injectable()
export class Directory {
  constructor(private readonly tx: TransactionRunner) {}

  /** Every organization's id, in id order. */
  async organizationIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.tx.manager.query(`SELECT id::text AS id FROM platform.organization ORDER BY id`);
    return rows.map((r) => r.id);
  }

  /** The enabled organizations' ids, in id order (the first is the one created at installation). */
  async enabledOrganizationIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.tx.manager.query(`SELECT id::text AS id FROM platform.organization WHERE enabled ORDER BY id`);
    return rows.map((r) => r.id);
  }

  async isOrganizationEnabled(organizationId: string): Promise<boolean> {
    if (!ID.test(organizationId)) return false;
    const [row] = await this.tx.manager.query(`SELECT 1 FROM platform.organization WHERE id = $1 AND enabled`, [organizationId]);
    return row !== undefined;
  }

  /** The organization's first administrator, else its first user; null when it has no user. */
  async firstAdministrator(organizationId: string): Promise<string | null> {
    const [row] = await this.tx.manager.query(
      `SELECT u.id::text AS id FROM platform.user_account u
       WHERE u.organization_id = $1
       ORDER BY EXISTS (SELECT 1 FROM platform.user_role ur JOIN platform.role r ON r.id = ur.role_id
                        WHERE ur.user_id = u.id AND r.code = 'ADMINISTRATOR') DESC, u.id
       LIMIT 1`,
      [organizationId],
    );
    return row ? row.id : null;
  }

  /** Those of `userIds` that are no user of the organization (malformed ids included), in id order, at most `limit`. */
  async usersOutside(organizationId: string, userIds: string[], limit = 10): Promise<string[]> {
    const given = [...new Set(userIds)];
    const malformed = given.filter((id) => !ID.test(id));
    if (malformed.length > 0) return malformed.slice(0, limit);
    if (given.length === 0) return [];
    const rows: Array<{ id: string }> = await this.tx.manager.query(
      `SELECT u::text AS id FROM unnest($2::bigint[]) u
       WHERE NOT EXISTS (SELECT 1 FROM platform.user_account x WHERE x.id = u AND x.organization_id = $1) ORDER BY 1 LIMIT $3`,
      [organizationId, given, limit],
    );
    return rows.map((r) => r.id);
  }
}
