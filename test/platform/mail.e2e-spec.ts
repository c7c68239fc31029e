import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Mailer, TransactionRunner, loadConfig } from '../../libs/platform';
import { SmtpMailTransport } from '../../libs/platform/mail/smtp-mail-transport';
import { createMailTransport } from '../../libs/platform/mail/create-mail-transport';
import { FileMailTransport } from '../../libs/platform/mail/file-mail-transport';
import { TestApp, createTestApp } from '../harness/create-test-app';

describe('outgoing mail (file transport, outbox and job)', () => {
  let t: TestApp;
  let dir: string;
  const files = () => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort() : []);
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mail-'));
    t = await createTestApp({ modules: [], env: { MAIL_DIR: dir, MAIL_FROM: 'shop@example.com' } });
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('sends a message whose transaction committed, once, as a file', async () => {
    await t.get(TransactionRunner).run(() => t.get(Mailer).send({ organizationId: null, to: 'ann@example.com', subject: 'Hello', text: 'Line 1\nLine 2' }));
    expect(files()).toEqual([]); // nothing is sent inside the request: the job does it
    await t.drain();
    expect(files()).toHaveLength(1);
    const text = read(files()[0]);
    expect(text).toContain('From: shop@example.com\r\n');
    expect(text).toContain('To: ann@example.com\r\n');
    expect(text).toContain('Subject: Hello\r\n');
    expect(text).toMatch(/\r\n\r\nLine 1\nLine 2\r\n$/);
    const [row] = await t.get(TransactionRunner).manager.query(`SELECT sent_at FROM platform.mail_message`);
    expect(row.sent_at).not.toBeNull();
  });

  it('never sends a message whose transaction rolled back', async () => {
    const before = files().length;
    await expect(
      t.get(TransactionRunner).run(async () => {
        await t.get(Mailer).send({ organizationId: null, to: 'bob@example.com', subject: 'Doomed', text: 'x' });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await t.drain();
    expect(files()).toHaveLength(before);
    expect(await t.get(TransactionRunner).manager.query(`SELECT 1 FROM platform.mail_message WHERE recipient = 'bob@example.com'`)).toEqual([]);
  });

  it('chooses SMTP when SMTP_URL is set, else files under DATA_DIR/mail', () => {
    expect(createMailTransport(loadConfig({ SMTP_URL: 'smtp://mail.example.com:2525' }))).toBeInstanceOf(SmtpMailTransport);
    const fileConfig = loadConfig({ DATA_DIR: '/srv/data' });
    expect(fileConfig.mail.dir).toBe(path.join('/srv/data', 'mail'));
    expect(createMailTransport(fileConfig)).toBeInstanceOf(FileMailTransport);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.com' })).toThrow('SMTP_URL');
  });
});
