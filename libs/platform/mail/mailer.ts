import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { Outbox } from '../messaging/outbox';
import { SendMailJob } from './send-mail.job';

/** A message to send: plain text, one recipient. */
export interface MailRequest {
  organizationId: string | null;
  to: string;
  subject: string;
  text: string;
}

/**
 * The one way to send mail. The message is stored and its sending requested through the outbox in the caller's
 * transaction: a change that commits always gets its mail, one that rolls back never does.
 */
@Injectable()
export class Mailer {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
  ) {}

  async send(request: MailRequest): Promise<void> {
    await this.tx.run(async (db) => {
      const [{ id }] = await db.query(
        `INSERT INTO platform.mail_message (organization_id, recipient, subject, body) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
        [request.organizationId, request.to, request.subject, request.text],
      );
      await this.outbox.schedule(SendMailJob, { mailId: id });
    });
  }
}
