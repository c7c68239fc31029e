import type { Caller, ResourceInput } from '../../platform';

/** Merges 2–5 accounts into a master (a POST to `accountmerges`); returns the merge record's id. */
export class MergeAccounts {
  constructor(
    readonly caller: Caller,
    readonly input: ResourceInput,
  ) {}
}
