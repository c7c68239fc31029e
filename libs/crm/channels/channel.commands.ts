import type { Caller, ResourceInput } from '../../platform';

/** Creates a channel through the API (not a system one). */
export class CreateChannel {
  constructor(
    readonly caller: Caller,
    readonly input: ResourceInput,
  ) {}
}

/** Changes a channel through the API (its type stays). */
export class UpdateChannel {
  constructor(
    readonly caller: Caller,
    readonly channelId: string,
    readonly input: ResourceInput,
  ) {}
}

/** Deletes channels through the API (system channels stay). */
export class DeleteChannels {
  constructor(
    readonly caller: Caller,
    readonly channelIds: string[],
  ) {}
}
