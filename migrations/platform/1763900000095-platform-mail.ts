import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing mail: each message is a row written in the transaction that decided to send it (so a rolled-back
 * registration leaves none); the send job marks it sent, so a redelivered job does not send it twice.
 */
export class PlatformMail1763900000095 implements MigrationInterface {
  name = 'PlatformMail1763900000095';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE platform.mail_message (
        id bigserial PRIMARY KEY,
        organization_id bigint,
        recipient text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE platform.mail_message`);
  }
}
