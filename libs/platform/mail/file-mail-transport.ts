import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { MailTransport, OutgoingMail } from './mail-transport';

/**
 * Writes each message as a file `<message id>.eml` (RFC 5322 headers, plain-text body) into one folder, so that a
 * developer or a test reads the links a mail carries without a mail server. The name is the message id, so a message
 * sent twice (a job that ran again) overwrites its own file instead of making a second one.
 */
export class FileMailTransport implements MailTransport {
  constructor(private readonly dir: string) {}

  async send(mail: OutgoingMail): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const headers = [`Message-ID: <${mail.id}@mail.local>`, `Date: ${new Date().toUTCString()}`, `From: ${mail.from}`, `To: ${mail.to}`, `Subject: ${mail.subject}`];
    const target = path.join(this.dir, `${mail.id.padStart(8, '0')}.eml`);
    // Written aside then renamed, so a reader never sees half a message.
    await fs.writeFile(`${target}.tmp`, `${headers.join('\r\n')}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${mail.text}\r\n`);
    await fs.rename(`${target}.tmp`, target);
  }

  async close(): Promise<void> {}
}
