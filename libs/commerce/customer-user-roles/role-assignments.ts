import type { CommerceStore } from '../shared/commerce-store';

/** How a customer user is named in messages: first and last name, else the e-mail. */
export const CUSTOMER_USER_NAME = `coalesce(nullif(trim(concat_ws(' ', u.first_name, u.last_name)), ''), u.email)`;

/** The labels of the roles among `roleIds` that are specific to another customer than `customerId`. */
export async function rolesOfOtherCustomers(store: CommerceStore, roleIds: string[], customerId: string): Promise<string[]> {
  if (roleIds.length === 0) return [];
  const rows = await store.query(
    `SELECT label FROM commerce.customer_user_role WHERE id = ANY($1::bigint[]) AND customer_id IS NOT NULL AND customer_id <> $2 ORDER BY id`,
    [roleIds, customerId],
  );
  return rows.map((r: { label: string }) => r.label);
}

/** The names of the enabled customer users among `userIds` that hold no role (as the transaction sees them now). */
export async function enabledUsersWithoutRole(store: CommerceStore, userIds: string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await store.query(
    `SELECT ${CUSTOMER_USER_NAME} AS name FROM commerce.customer_user u
     WHERE u.id = ANY($1::bigint[]) AND u.enabled
       AND NOT EXISTS (SELECT 1 FROM commerce.customer_user_to_role ur WHERE ur.customer_user_id = u.id)
     ORDER BY u.id`,
    [userIds],
  );
  return rows.map((r: { name: string }) => r.name);
}
