import type { Caller, ResourceInput } from '../../platform';

/** Creates (`contactId` null) or changes a contact, with its e-mails and phones; returns the contact's id. */
export class SaveContact {
  constructor(
    readonly caller: Caller,
    readonly contactId: string | null,
    readonly input: ResourceInput,
  ) {}
}
