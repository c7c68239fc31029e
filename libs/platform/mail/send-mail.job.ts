import { Inject, Injectable } from '@nestjs/common';
import { AppConfigService } from '../config/app-config.service';
import { TransactionRunner } from '../database/transaction-runner';
import { JobHandler, JobProcessor } from '../jobs/job-handler.decorator';
import { MAIL_TRANSPORT, type MailTransport } from './mail-transport';

export const SEND_MAIL_JOB = 'platform.send-mail';

/**
 * Sends one stored message and marks it sent. The row is locked while it is sent, so two runs of the same request
 * never both send it; a run that finds it sent does nothing. A crash between the send and the commit sends it again
 * on retry (at least once: a mail server gives no way to make it exactly once).
 */
@Injectable()
@JobHandler<{ mailId: string }>({ name: SEND_MAIL_JOB, idempotencyKey: (d) => d.mailId })
export class SendMailJob implements JobProcessor<{ mailId: string }> {
  constructor(
    private readonly tx: TransactionRunner,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    private readonly config: AppConfigService,
  ) {}

  async run({ mailId }: { mailId: string }): Promise<void> {
    await this.tx.run(async (db) => {
      const [mail] = await db.query(`SELECT id::text AS id, recipient, subject, body FROM platform.mail_message WHERE id = $1 AND sent_at IS NULL FOR UPDATE`, [mailId]);
      if (!mail) return;
      await this.transport.send({ id: mail.id, from: this.config.get('mail').from, to: mail.recipient, subject: mail.subject, text: mail.body });
      await db.query(`UPDATE platform.mail_message SET sent_at = now() WHERE id = $1`, [mailId]);
    });
  }
}
