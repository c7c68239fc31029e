import type { DynamicModule } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AsyncContext, Command, CommandBus, CqrsModule, ICommand } from '@nestjs/cqrs';
import { TransactionRunner } from './transaction-runner';

/**
 * One transaction per command: every `execute` runs its handler inside a transaction (joining the caller's if a
 * handler dispatches another command), so the handler's writes and its outbox rows commit or roll back together.
 * Done here, once, rather than in every handler.
 */
export class TransactionalCommandBus extends CommandBus {
  constructor(
    moduleRef: ModuleRef,
    private readonly tx: TransactionRunner,
  ) {
    // No CQRS options: the in-memory publisher, as `CqrsModule.forRoot()` without options.
    super(moduleRef);
  }

  override execute<R = void>(command: Command<R>, context?: AsyncContext): Promise<R>;
  override execute<T extends ICommand, R = unknown>(command: T, context?: AsyncContext): Promise<R>;
  override execute<R>(command: ICommand, context?: AsyncContext): Promise<R> {
    return this.tx.run(() => super.execute<ICommand, R>(command, context));
  }
}

/**
 * `CqrsModule.forRoot()` whose `CommandBus` is the `TransactionalCommandBus`. A dynamic module's providers are added
 * after the module's own, and a provider replaces an earlier one with the same token: so the CQRS module registers the
 * command handlers on, and exports as `CommandBus`, this one instance; every `CommandBus` injected anywhere is it.
 */
export function transactionalCqrsModule(): DynamicModule {
  const cqrs = CqrsModule.forRoot();
  // A factory rather than `useClass`: Nest would read the parent's constructor metadata (its options at index 1).
  const commandBus = {
    provide: CommandBus,
    inject: [ModuleRef, TransactionRunner],
    useFactory: (moduleRef: ModuleRef, tx: TransactionRunner) => new TransactionalCommandBus(moduleRef, tx),
  };
  return { ...cqrs, providers: [...(cqrs.providers ?? []), commandBus] };
}
