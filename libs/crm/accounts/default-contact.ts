import type { CrmStore } from '../shared/crm-store';

/** The default contact is one of the account's contacts: choosing another one adds it to them. */
export async function keepDefaultContactAmongContacts(store: CrmStore, accountId: string): Promise<void> {
  await store.query(
    `INSERT INTO crm.account_contact (account_id, contact_id)
     SELECT id, default_contact_id FROM crm.account WHERE id = $1 AND default_contact_id IS NOT NULL
     ON CONFLICT DO NOTHING`,
    [accountId],
  );
}
