import { Command, Query } from '@nestjs/cqrs';

/**
 * Records the current lifetime value of accounts in one channel (e.g. the integration module's commerce channel:
 * Σ of the account's commerce customers' lifetime sales values), in the base currency, as exact decimal strings.
 * Set-based: any number of accounts in one command. Only changed totals get a history row. With `complete`, the
 * accounts listed are all that have a value in the channel: every other account of the organization with a value there
 * drops to 0 (a reconciliation). `paidOrderCounts` (one per account, optional) records the accounts' lifetime
 * paid-order counts with their values (the commerce channel counts orders: Σ of the account's customers' counts); with
 * `complete`, every other account of the organization drops to 0 there too. Returns how many totals and counts changed.
 */
export class RecordChannelLifetimeValues extends Command<number> {
  constructor(
    readonly organizationId: string,
    readonly channelId: string,
    readonly accountIds: string[],
    readonly amounts: string[],
    readonly complete = false,
    readonly paidOrderCounts?: number[],
  ) {
    super();
  }
}

/** An account's lifetime value: the total and the current value per channel (`channelId` null = the account itself). */
export interface AccountLifetimeValue {
  accountId: string;
  total: string;
  /** Orders paid in full and not cancelled of its commerce customers (see RecordChannelLifetimeValues). */
  paidOrderCount: number;
  /** `channelName` null with `channelId` null: the account itself (opportunities won on it). */
  channels: Array<{ channelId: string | null; channelName: string | null; amount: string }>;
}

/** Reads an account's lifetime value. Send it on the query bus; returns an `AccountLifetimeValue` or null. */
export class GetAccountLifetimeValue extends Query<AccountLifetimeValue | null> {
  constructor(
    readonly organizationId: string,
    readonly accountId: string,
  ) {
    super();
  }
}
