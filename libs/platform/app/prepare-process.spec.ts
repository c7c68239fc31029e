import { ADMIN_PASSWORD_IGNORED, announce } from './prepare-process';

describe('announce (the first administrator, at start-up)', () => {
  const logged = (admin: Parameters<typeof announce>[0], passwordGiven: boolean) => {
    const lines: string[] = [];
    announce(admin, { warn: (line: string) => lines.push(line) } as never, passwordGiven);
    return lines;
  };

  it('prints a generated password once, or says the password came from ADMIN_PASSWORD', () => {
    expect(logged({ email: 'admin@example.com', generatedPassword: 's3cret' }, false)).toEqual([
      'First administrator created: admin@example.com with password s3cret (shown once; change it)',
    ]);
    expect(logged({ email: 'admin@example.com' }, true)).toEqual(['First administrator created: admin@example.com (password from ADMIN_PASSWORD)']);
  });

  it('says clearly that ADMIN_PASSWORD is ignored once the installation has its administrator, and is silent without it', () => {
    expect(logged(null, true)).toEqual([ADMIN_PASSWORD_IGNORED]);
    expect(ADMIN_PASSWORD_IGNORED).toMatch(/^ADMIN_PASSWORD is ignored: this installation already has its first administrator/);
    expect(logged(null, false)).toEqual([]);
  });
});
