import { Injectable, OnModuleInit } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { TransactionRunner } from './transaction-runner';

/**
 * One transaction per command: every `CommandBus.execute` runs its handler inside a transaction (joining the caller's
 * if a handler dispatches another command), so the handler's writes and its outbox rows commit or roll back together.
 * Done here, once, rather than in every handler.
 */
@Injectable()
export class CommandTransactions implements OnModuleInit {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly tx: TransactionRunner,
  ) {}

  onModuleInit(): void {
    const execute = this.commandBus.execute.bind(this.commandBus);
    this.commandBus.execute = ((command: object, context?: never) =>
      this.tx.run(() => execute(command as never, context))) as CommandBus['execute'];
  }
}
