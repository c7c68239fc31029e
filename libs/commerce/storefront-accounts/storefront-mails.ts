/** The texts of the storefront's e-mails (plain text; the links point at `STOREFRONT_URL`). */
export const storefrontMails = {
  confirmation: (base: string, name: string, token: string) => ({
    subject: 'Confirm your e-mail address',
    text: [
      `Hello ${name},`,
      '',
      'Please confirm your e-mail address to finish your registration:',
      `${base}/customer/user/confirm-email?token=${token}`,
      '',
      `Confirmation token: ${token}`,
      '(API: POST /api/registration/confirmation with {"meta":{"token":"<the token>"}})',
    ].join('\n'),
  }),
  welcome: (base: string, name: string) => ({
    subject: 'Welcome',
    text: [`Hello ${name},`, '', 'Your account is ready. Sign in at:', `${base}/customer/user/login`].join('\n'),
  }),
  duplicateRegistration: (base: string, name: string) => ({
    subject: 'Someone tried to register with your e-mail address',
    text: [
      `Hello ${name},`,
      '',
      'Someone tried to create an account with your e-mail address. You already have one: sign in, or reset your password if you forgot it:',
      `${base}/customer/user/reset-request`,
      '',
      'If this was not you, you can ignore this message.',
    ].join('\n'),
  }),
  passwordReset: (base: string, name: string, token: string) => ({
    subject: 'Reset your password',
    text: [
      `Hello ${name},`,
      '',
      'To choose a new password, follow this link (valid for 24 hours, once):',
      `${base}/customer/user/reset?token=${token}`,
      '',
      `Reset token: ${token}`,
      '(API: PATCH /api/passwordresets with {"meta":{"token":"<the token>","password":"<the new password>"}})',
      '',
      'If you did not ask for this, you can ignore this message.',
    ].join('\n'),
  }),
};
