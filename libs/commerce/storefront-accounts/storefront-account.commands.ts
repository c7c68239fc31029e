import { Command } from '@nestjs/cqrs';
import type { ModuleActionResponse } from '../../platform';

/** `POST /api/registration`: a new customer and its first customer user (Buyer), or a look-alike answer. */
export class RegisterCustomerUser extends Command<ModuleActionResponse> {
  constructor(readonly body: unknown) {
    super();
  }
}

/** `POST /api/registration/confirmation`: confirms the e-mail of a registered customer user with its token. */
export class ConfirmCustomerUser extends Command<ModuleActionResponse> {
  constructor(readonly body: unknown) {
    super();
  }
}

/** `POST /api/passwordresets`: e-mails a reset link to the customer user with this e-mail, if there is one. */
export class RequestPasswordReset extends Command<ModuleActionResponse> {
  constructor(readonly body: unknown) {
    super();
  }
}

/** `PATCH /api/passwordresets`: sets a new password with the e-mailed token. */
export class ResetPassword extends Command<ModuleActionResponse> {
  constructor(readonly body: unknown) {
    super();
  }
}
