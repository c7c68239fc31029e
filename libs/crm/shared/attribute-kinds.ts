import type { AttributeDefinition } from '../../platform';

/** A plain optional string of at most 255 characters (Oro's default string column). */
export const TEXT_255: AttributeDefinition = { type: 'string', maxLength: 255 };
