import type { ModuleAction } from '../../platform';
import { ConfirmCustomerUser, RegisterCustomerUser, RequestPasswordReset, ResetPassword } from './storefront-account.commands';

/** The storefront's routes for people who are not signed in: registration, its confirmation, password resets. */
export const storefrontAccountActions: ModuleAction[] = [
  {
    api: 'storefront',
    method: 'POST',
    path: 'registration',
    description:
      'Self-registration: `{"data":{"type":"registration","attributes":{"email","password","firstName","lastName","companyName"},"relationships":{"consents":{"data":[{"type":"consents","id":"1"}]}}}}` creates a customer and its first customer user (Buyer), with the consents accepted (every mandatory active one). 201 with `meta.confirmationRequired` (and `meta.token` when signed in at once).',
    command: (body) => new RegisterCustomerUser(body),
  },
  {
    api: 'storefront',
    method: 'POST',
    path: 'registration/confirmation',
    description: 'Confirms a registration with the e-mailed token: `{"meta":{"token":"…"}}`.',
    command: (body) => new ConfirmCustomerUser(body),
  },
  {
    api: 'storefront',
    method: 'POST',
    path: 'passwordresets',
    description: 'Asks for a password reset link by e-mail: `{"meta":{"email":"…"}}`. Always 202, whether or not the e-mail is known.',
    command: (body) => new RequestPasswordReset(body),
  },
  {
    api: 'storefront',
    method: 'PATCH',
    path: 'passwordresets',
    description: 'Sets a new password with the e-mailed token: `{"meta":{"token":"…","password":"…"}}`.',
    command: (body) => new ResetPassword(body),
  },
];
