import type { AppConfig } from '../config/app-config';
import { FileMailTransport } from './file-mail-transport';
import type { MailTransport } from './mail-transport';
import { SmtpMailTransport } from './smtp-mail-transport';

/** SMTP when `SMTP_URL` is set, else a file per message under `MAIL_DIR` (default `DATA_DIR/mail`). */
export function createMailTransport(config: AppConfig): MailTransport {
  return config.mail.smtpUrl ? new SmtpMailTransport(config.mail.smtpUrl) : new FileMailTransport(config.mail.dir);
}
