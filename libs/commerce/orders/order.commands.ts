import type { Caller, ResourceInput } from '../../platform';

/** Creates (`orderId` null) or changes an order; returns its id. */
export class SaveOrder {
  constructor(
    readonly caller: Caller,
    readonly orderId: string | null,
    readonly input: ResourceInput,
  ) {}
}

/** Deletes orders (their customers' lifetime sales values are recomputed). */
export class DeleteOrders {
  constructor(
    readonly caller: Caller,
    readonly orderIds: string[],
  ) {}
}
