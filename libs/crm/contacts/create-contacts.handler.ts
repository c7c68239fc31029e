import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { BusinessRuleViolation } from '../../platform';
import { CrmStore } from '../shared/crm-store';
import { type ContactItem, insertItems, normalizeItems } from '../shared/contact-items';
import { isFutureBirthday } from './contact-rules';
import { contactsResource } from './contact.resource';
import { CreateContacts } from './create-contacts.command';

/**
 * Many new contacts in three statements (the contacts, their e-mails, their phones), under the rules of `SaveContact`
 * checked for the whole set: birthday not in the future, one primary e-mail and phone, contact information, the
 * caller as creator and last editor. Any refusal refuses the whole set: the import then writes the rows one by one,
 * so each refused row gets exactly the single save's answer.
 */
@CommandHandler(CreateContacts)
export class CreateContactsHandler implements ICommandHandler<CreateContacts, string[]> {
  constructor(private readonly store: CrmStore) {}

  async execute({ caller, inputs }: CreateContacts): Promise<string[]> {
    const refuse = (message: string, about: ConstructorParameters<typeof BusinessRuleViolation>[1]): never => {
      throw new BusinessRuleViolation(`${message} (contacts created together)`, about);
    };
    // Accounts and groups are to-many links the single save writes for each contact.
    if (inputs.some((input) => input.relationships.accounts !== undefined || input.relationships.groups !== undefined)) {
      refuse('Send no accounts or groups', { relationship: 'accounts' });
    }
    if (inputs.some((input) => isFutureBirthday(input.attributes.birthday))) {
      refuse('A birth date is in the future', { attribute: 'birthday' });
    }
    // Normalized as the single save does for a new contact (nothing stored yet); a bad list throws its own refusal.
    const emails = inputs.map((input) => normalizeItems('email', input.attributes.emails, input.attributes.primaryEmail as string | null | undefined, []));
    const phones = inputs.map((input) => normalizeItems('phone', input.attributes.phones, input.attributes.primaryPhone as string | null | undefined, []));
    const named = (value: unknown) => typeof value === 'string' && value.trim() !== '';
    if (inputs.some((input, i) => !named(input.attributes.firstName) && !named(input.attributes.lastName) && emails[i].length === 0 && phones[i].length === 0)) {
      refuse('A contact has no first name, last name, e-mail or phone', { constraint: 'has contact information constraint' });
    }

    const own = inputs.map((input) => {
      const { emails: _emails, phones: _phones, primaryEmail: _primaryEmail, primaryPhone: _primaryPhone, ...attributes } = input.attributes;
      return { ...input, attributes };
    });
    // Oro's ContactListener: the creator is also the last editor.
    const extra = inputs.map((): Record<string, [unknown, string]> => ({ created_by_id: [caller.userId, 'bigint'], updated_by_id: [caller.userId, 'bigint'] }));
    const ids = await this.store.writer().insertMany(contactsResource, own, caller, extra);
    const owned = (lists: ContactItem[][]) => lists.flatMap((items, i) => items.map((item) => ({ ...item, ownerId: ids[i] })));
    await insertItems(this.store, 'contact', 'email', owned(emails));
    await insertItems(this.store, 'contact', 'phone', owned(phones));
    return ids;
  }
}
