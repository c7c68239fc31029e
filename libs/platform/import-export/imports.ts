import { Injectable } from '@nestjs/common';
import { AsyncOperations } from '../async-operations/async-operations';
import { Constraint } from '../errors/constraint';
import type { Caller } from '../json-api/caller';
import { JsonApiException } from '../json-api/json-api-exception';
import { CsvFileRefused } from './csv-file';
import { IMPORT_OPERATION } from './import.handler';
import { ImportFormats } from './import-formats';
import type { ImportFormat } from './import-format';
import { planImport } from './plan-import';

/**
 * Starts CSV imports: checks that the caller may add records of the type, reads the file into ordered chunks stored as they are read (a file
 * that cannot be read at all is refused as a whole, before anything is stored), and starts an asynchronous operation
 * of kind `import` whose chunks the worker writes.
 */
@Injectable()
export class Imports {
  constructor(
    private readonly formats: ImportFormats,
    private readonly operations: AsyncOperations,
  ) {}

  /** The format of a type, or a 400 naming the types that have one. */
  format(type: string): ImportFormat {
    const format = this.formats.get(type);
    if (!format) {
      throw JsonApiException.badRequest(Constraint.ENTITY_TYPE, `There is no CSV format for "${type.slice(0, 100)}"; these types have one: ${this.formats.types().join(', ')}.`, { parameter: 'type' });
    }
    return format;
  }

  async start(type: string, path: string, caller: Caller, validateOnly: boolean): Promise<{ id: string; rows: number }> {
    const format = this.format(type);
    if (caller.access(type, 'CREATE') === 'none') throw JsonApiException.forbidden(`Importing ${type} needs the CREATE permission on them.`);
    let rows = 0;
    try {
      const id = await this.operations.startStreamed({ kind: IMPORT_OPERATION, entityType: type, caller }, async (addChunk) => {
        const plan = await planImport(format, path, validateOnly, addChunk);
        rows = plan.rows;
        return { errors: plan.errors, refusedCount: plan.refused };
      });
      return { id, rows };
    } catch (error) {
      if (error instanceof CsvFileRefused) throw JsonApiException.badRequest(Constraint.REQUEST_DATA, error.message, { parameter: 'file' });
      throw error;
    }
  }
}
