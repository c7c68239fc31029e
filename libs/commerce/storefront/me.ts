import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, ICommandHandler, IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  BusinessRuleViolation,
  type Caller,
  JsonApiService,
  type ModuleActionResponse,
  RESOURCE_REGISTRY,
  type ResourceRegistry,
  verifyPassword,
} from '../../platform';
import { SaveCustomerUser } from '../customer-users/customer-user.commands';
import { CommerceStore } from '../shared/commerce-store';
import { readFields } from '../storefront-accounts/action-body';
import { requireStrongPassword } from '../storefront-accounts/password-rules';

/** `GET /api/me`: the signed-in customer user as a `customerusers` document (with `include`, `fields`). */
export class GetMe extends Query<object> {
  constructor(
    readonly caller: Caller,
    readonly parameters: Record<string, string>,
  ) {
    super();
  }
}

/** `PATCH /api/me`: the caller's own profile (names, birthday) and password (with the current one). */
export class UpdateMe extends Command<ModuleActionResponse> {
  constructor(
    readonly caller: Caller,
    readonly body: unknown,
  ) {
    super();
  }
}

const NAME = { required: false, max: 255 };

/** Reads the caller's own record, whatever its roles allow on colleagues (everyone may see itself). */
async function meDocument(api: JsonApiService, registry: ResourceRegistry, caller: Caller, rawQuery: string): Promise<Record<string, unknown>> {
  const resource = registry.forApi('storefront').get('customerusers')!;
  const self: Caller = {
    ...caller,
    access: (type, permission) => {
      const level = caller.access(type, permission);
      return type === 'customerusers' && permission === 'VIEW' && level === 'none' ? 'user' : level;
    },
  };
  const response = await api.get(resource, caller.storefront!.customerUserId, { api: 'storefront', rawQuery, headers: {}, caller: self });
  return response.body as Record<string, unknown>;
}

@QueryHandler(GetMe)
export class GetMeHandler implements IQueryHandler<GetMe, object> {
  constructor(
    private readonly api: JsonApiService,
    @Inject(RESOURCE_REGISTRY) private readonly registry: ResourceRegistry,
  ) {}

  async execute({ caller, parameters }: GetMe): Promise<object> {
    if (!caller.storefront) throw BusinessRuleViolation.of('access denied exception', 'Only a customer user has a profile.', { forbidden: true, pointer: '/data' });
    return meDocument(this.api, this.registry, caller, new URLSearchParams(parameters).toString());
  }
}

/**
 * Own profile: name parts and birthday; a new password needs the current one (`currentPassword`) and Oro's rules.
 * The e-mail (the login) and everything that is the company's to decide (enabled, roles, customer) stay with an
 * Administrator.
 */
@CommandHandler(UpdateMe)
export class UpdateMeHandler implements ICommandHandler<UpdateMe, ModuleActionResponse> {
  constructor(
    private readonly commands: CommandBus,
    private readonly store: CommerceStore,
    private readonly api: JsonApiService,
    @Inject(RESOURCE_REGISTRY) private readonly registry: ResourceRegistry,
  ) {}

  async execute({ caller, body }: UpdateMe): Promise<ModuleActionResponse> {
    if (!caller.storefront) throw BusinessRuleViolation.of('access denied exception', 'Only a customer user has a profile.', { forbidden: true, pointer: '/data' });
    const id = caller.storefront.customerUserId;
    const fields = readFields(body, 'attributes', 'customerusers', {
      namePrefix: NAME,
      firstName: NAME,
      middleName: NAME,
      lastName: NAME,
      nameSuffix: NAME,
      birthday: { required: false, max: 10 },
      password: { required: false, max: 200 },
      currentPassword: { required: false, max: 200 },
    });
    const { password, currentPassword, ...profile } = fields;
    const attributes: Record<string, unknown> = Object.fromEntries(Object.entries(profile).filter(([, v]) => v !== undefined));
    if (attributes.birthday !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(attributes.birthday))) {
      throw BusinessRuleViolation.of('date constraint', 'This value is not a valid date.', { attribute: 'birthday' });
    }
    if (password !== undefined) {
      const [{ hash }] = await this.store.query(`SELECT password_hash AS hash FROM commerce.customer_user WHERE id = $1`, [id]);
      if (!currentPassword || !hash || !(await verifyPassword(hash, currentPassword))) {
        throw BusinessRuleViolation.of('user password constraint', "This value should be the user's current password.", { attribute: 'currentPassword' });
      }
      requireStrongPassword(password, '/data/attributes/password');
      attributes.password = password;
    }
    await this.commands.execute(new SaveCustomerUser(caller, id, { attributes, relationships: {} }));
    return { status: 200, body: await meDocument(this.api, this.registry, caller, '') };
  }
}
