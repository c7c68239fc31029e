import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An operation may be started before its work is split into chunks (a CSV import answers as soon as the upload is on
 * disk): `source` says where the work is (the stored file), until the worker has split it into chunks.
 */
export class PlatformAsyncOperationSource1763900000097 implements MigrationInterface {
  name = 'PlatformAsyncOperationSource1763900000097';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform.async_operation ADD COLUMN source jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform.async_operation DROP COLUMN source`);
  }
}
