import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

interface TransactionScope {
  manager: EntityManager;
  afterCommit: Array<() => void>;
}

/**
 * Binds a transaction to the async call chain, so that every repository, the outbox and nested command handlers
 * reached from one command write through the same transaction (and, on the embedded database, never through a second
 * connection that would wait for the first forever).
 */
@Injectable()
export class TransactionRunner {
  private readonly scope = new AsyncLocalStorage<TransactionScope>();

  constructor(private readonly dataSource: DataSource) {}

  /** The current transaction's manager, or the plain one outside a transaction. */
  get manager(): EntityManager {
    return this.scope.getStore()?.manager ?? this.dataSource.manager;
  }

  get inTransaction(): boolean {
    return this.scope.getStore() !== undefined;
  }

  /** Runs `work` in a transaction; joins the surrounding one when there is one. */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const current = this.scope.getStore();
    if (current) return work(current.manager);
    const afterCommit: Array<() => void> = [];
    const result = await this.dataSource.transaction((manager) => this.scope.run({ manager, afterCommit }, () => work(manager)));
    for (const callback of afterCommit) callback();
    return result;
  }

  /** Calls `callback` once the current transaction has committed (at once outside a transaction); never on rollback. */
  afterCommit(callback: () => void): void {
    const current = this.scope.getStore();
    if (current) current.afterCommit.push(callback);
    else callback();
  }
}
