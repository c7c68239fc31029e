import type { Caller, ResourceInput } from '../../platform';

/** Creates (`leadId` null) or changes a lead with its e-mails and phones; returns its id. */
export class SaveLead {
  constructor(
    readonly caller: Caller,
    readonly leadId: string | null,
    readonly input: ResourceInput,
  ) {}
}
