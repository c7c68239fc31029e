import { Inject, Injectable } from '@nestjs/common';
import { RESOURCE_REGISTRY, RecordWriter, ResourceRegistry, TransactionRunner } from '../../platform';

/** The current transaction's SQL access and a plain record writer, for the CRM command handlers. */
@Injectable()
export class CrmStore {
  constructor(
    readonly tx: TransactionRunner,
    @Inject(RESOURCE_REGISTRY) private readonly registry: ResourceRegistry,
  ) {}

  query(sql: string, parameters?: unknown[]): Promise<any> {
    return this.tx.manager.query(sql, parameters);
  }

  writer(): RecordWriter {
    return new RecordWriter(this.tx.manager, this.registry.lookup);
  }
}
