import type { Caller, ResourceInput } from '../../platform';

/** Creates (`opportunityId` null) or changes an opportunity; returns its id. */
export class SaveOpportunity {
  constructor(
    readonly caller: Caller,
    readonly opportunityId: string | null,
    readonly input: ResourceInput,
  ) {}
}

/** Deletes opportunities (their accounts' lifetime values are recomputed). */
export class DeleteOpportunities {
  constructor(readonly opportunityIds: string[]) {}
}
