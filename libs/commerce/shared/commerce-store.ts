import { Inject, Injectable } from '@nestjs/common';
import { RESOURCE_REGISTRY, RecordWriter, ResourceRegistry, TransactionRunner } from '../../platform';

/** The current transaction's SQL access and a plain record writer, for the Commerce command handlers. */
@Injectable()
export class CommerceStore {
  constructor(
    readonly tx: TransactionRunner,
    @Inject(RESOURCE_REGISTRY) private readonly registry: ResourceRegistry,
  ) {}

  query(sql: string, parameters?: unknown[]): Promise<any> {
    return this.tx.manager.query(sql, parameters);
  }

  /** Serializes the transactions that take the same key until they end (e.g. two creations with one e-mail). */
  async lock(key: string): Promise<void> {
    await this.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
  }

  writer(): RecordWriter {
    return new RecordWriter(this.tx.manager, this.registry.lookup);
  }
}
