import { type Transporter, createTransport } from 'nodemailer';
import type { MailTransport, OutgoingMail } from './mail-transport';

/** Sends through an SMTP server (`SMTP_URL`, e.g. `smtp://user:pass@host:587`, `smtps://…` for implicit TLS). */
export class SmtpMailTransport implements MailTransport {
  private readonly transporter: Transporter;

  constructor(url: string) {
    this.transporter = createTransport(url);
  }

  async send(mail: OutgoingMail): Promise<void> {
    await this.transporter.sendMail({ messageId: `<${mail.id}@mail.local>`, from: mail.from, to: mail.to, subject: mail.subject, text: mail.text });
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}
