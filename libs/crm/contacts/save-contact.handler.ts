import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { saveWithItems } from '../shared/contact-items';
import { isFutureBirthday } from './contact-rules';
import { contactsResource } from './contact.resource';
import { SaveContact } from './save-contact.command';

/** Contact rules: has contact information, birthday not in the future, one primary e-mail and phone. */
@CommandHandler(SaveContact)
export class SaveContactHandler implements ICommandHandler<SaveContact, string> {
  constructor(private readonly store: CrmStore) {}

  async execute({ caller, contactId, input }: SaveContact): Promise<string> {
    if (isFutureBirthday(input.attributes.birthday)) {
      throw new BusinessRuleViolation('The birth date cannot be in the future.', { attribute: 'birthday' });
    }
    const id = await saveWithItems(this.store, contactsResource, 'contact', contactId, input, caller);
    // Oro's ContactListener: the creator on create, the last editor on every change.
    await this.store.query(`UPDATE crm.contact SET updated_by_id = $2, created_by_id = coalesce(created_by_id, $2) WHERE id = $1`, [id, caller.userId]);
    await this.requireContactInformation(id);
    return id;
  }

  /** Checked on the stored result, so that a partial update cannot leave a contact with nothing to reach it by. */
  private async requireContactInformation(contactId: string): Promise<void> {
    const [{ ok }] = await this.store.query(
      `SELECT (nullif(trim(c.first_name), '') IS NOT NULL OR nullif(trim(c.last_name), '') IS NOT NULL
               OR EXISTS (SELECT 1 FROM crm.contact_email e WHERE e.contact_id = c.id)
               OR EXISTS (SELECT 1 FROM crm.contact_phone p WHERE p.contact_id = c.id)) AS ok
       FROM crm.contact c WHERE c.id = $1`,
      [contactId],
    );
    if (!ok) throw new BusinessRuleViolation('At least one of the fields First name, Last name, Emails or Phones must be defined.', { constraint: 'has contact information constraint' });
  }
}
