import { TIMESTAMP_ATTRIBUTES, defineResource } from '../../platform';
import { CreateChannel, DeleteChannels, UpdateChannel } from './channel.commands';

/**
 * Sales channels: `b2b` ("Sales", business customers), `custom`, and the system type `commerce`, which only the
 * integration module creates. System channels cannot be created or deleted through the API.
 */
export const channelsResource = defineResource({
  type: 'channels',
  table: 'crm.channel',
  apis: ['admin'],
  title: 'name',
  description: 'Sales channels (b2b, custom; commerce is a system channel of the integration).',
  attributes: {
    name: { type: 'string', required: true, maxLength: 250, filter: ['eq', 'contains'], sort: true },
    channelType: { type: 'enum', values: ['b2b', 'custom', 'commerce'], required: true, filter: true, sort: true },
    status: { type: 'enum', values: ['active', 'inactive'], filter: true },
    system: { type: 'boolean', column: 'is_system', readOnly: true, filter: true },
    data: { type: 'json' },
    ...TIMESTAMP_ATTRIBUTES,
  },
  relationships: {
    organization: { type: 'organizations', cardinality: 'one', readOnly: true },
  },
  writes: {
    create: (input, caller) => new CreateChannel(caller, input),
    update: (id, input, caller) => new UpdateChannel(caller, id, input),
    delete: (ids, caller) => new DeleteChannels(caller, ids),
  },
});
