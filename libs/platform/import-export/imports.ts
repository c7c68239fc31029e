import { Injectable } from '@nestjs/common';
import { AsyncOperations } from '../async-operations/async-operations';
import { Constraint } from '../errors/constraint';
import type { Caller } from '../json-api/caller';
import { JsonApiException } from '../json-api/json-api-exception';
import { CsvFileRefused } from './csv-file';
import { IMPORT_OPERATION, type ImportSource } from './import.handler';
import { ImportFormats } from './import-formats';
import type { ImportFormat } from './import-format';
import { checkHeader } from './plan-import';

/**
 * Starts CSV imports: checks that the caller may add records of the type and that the file's header fits the type's
 * format (a file refused here stores nothing), then starts an asynchronous operation of kind `import` on the stored
 * file. The worker reads the file into ordered chunks and writes them (`ImportHandler`), so the caller is answered
 * without waiting for the file to be read.
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

  /** `upload`: the file is the stored copy of an upload, removed once the worker has read it (else it is the caller's). */
  async start(type: string, path: string, caller: Caller, validateOnly: boolean, { upload = false } = {}): Promise<{ id: string }> {
    const format = this.format(type);
    if (caller.access(type, 'CREATE') === 'none') throw JsonApiException.forbidden(`Importing ${type} needs the CREATE permission on them.`);
    try {
      await checkHeader(format, path);
    } catch (error) {
      if (error instanceof CsvFileRefused) throw JsonApiException.badRequest(Constraint.REQUEST_DATA, error.message, { parameter: 'file' });
      throw error;
    }
    const source: ImportSource = { file: path, validateOnly, upload };
    return { id: await this.operations.startFromSource({ kind: IMPORT_OPERATION, entityType: type, caller, source, validateOnly }) };
  }
}
