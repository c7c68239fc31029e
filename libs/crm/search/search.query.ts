import type { Caller } from '../../platform';

/** A search over accounts, contacts and business customers (names, e-mails, phones). */
export class SearchCustomers {
  constructor(
    readonly caller: Caller,
    readonly parameters: Record<string, string>,
  ) {}
}
