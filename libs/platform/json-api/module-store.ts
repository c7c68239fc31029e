import { Inject, Injectable } from '@nestjs/common';
import { RecordWriter } from './sql/record-writer';
import { RESOURCE_REGISTRY, ResourceRegistry } from './resource-registry';
import type { PreparedStatement } from '../database/prepared-statement';
import type { Queryable } from '../database/queryable';
import { TransactionRunner } from '../database/transaction-runner';

/**
 * What a module's command handlers need of the database: SQL in the current transaction, transaction-scoped advisory
 * locks, and the engine's plain record writer. Each module provides its own subclass (CrmStore, CommerceStore).
 */
@Injectable()
export class ModuleStore {
  constructor(
    readonly tx: TransactionRunner,
    @Inject(RESOURCE_REGISTRY) private readonly registry: ResourceRegistry,
  ) {}

  /** SQL text, or a prepared statement (`prepared(text)`) for a hot read of a fixed shape. */
  query(sql: string | PreparedStatement, parameters?: unknown[]): Promise<any> {
    return (this.tx.manager as Queryable).query(sql, parameters);
  }

  /** Serializes the transactions that take the same key until they end (e.g. two creations with one e-mail). */
  async lock(key: string): Promise<void> {
    await this.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [key]);
  }

  writer(): RecordWriter {
    return new RecordWriter(this.tx.manager, this.registry.lookup);
  }
}
