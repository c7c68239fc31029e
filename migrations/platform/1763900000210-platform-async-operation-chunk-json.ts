import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A chunk's payload is stored as `json` (its text, checked) rather than `jsonb`: it is written once and read back
 * whole, never queried inside, and building `jsonb` from a CSV import's 5000-row chunk (about 260 kB) cost three times
 * storing the text, reading it back six times as much.
 */
export class PlatformAsyncOperationChunkJson1763900000210 implements MigrationInterface {
  name = 'PlatformAsyncOperationChunkJson1763900000210';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform.async_operation_chunk ALTER COLUMN data TYPE json USING data::json`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE platform.async_operation_chunk ALTER COLUMN data TYPE jsonb USING data::jsonb`);
  }
}
