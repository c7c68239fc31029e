import type { OpenApiDocument } from '../api/resource-model';
import { byRow, exportFileName, exportRequest, importExportTypes, importForm, importState, isFinished } from './import-export-model';

describe('the console’s import and export rules', () => {
  it('reads the types offered for export and import from the served document', () => {
    const document = {
      components: { schemas: {} },
      paths: {
        '/admin/api/exports/{type}': { get: { parameters: [{ name: 'type', in: 'path', schema: { type: 'string', enum: ['accounts', 'contacts'] } }] } },
        '/admin/api/imports': {
          post: { requestBody: { content: { 'multipart/form-data': { schema: { properties: { type: { type: 'string', enum: ['accounts'] } } } } } } },
        },
      },
    } as unknown as OpenApiDocument;
    const types = importExportTypes(document);
    expect([...types.exports]).toEqual(['accounts', 'contacts']);
    expect([...types.imports]).toEqual(['accounts']);
    const none = importExportTypes({ components: { schemas: {} }, paths: {} } as unknown as OpenApiDocument);
    expect([none.exports.size, none.imports.size]).toEqual([0, 0]);
  });

  it('saves under the server’s file name, else the type and the day', () => {
    const now = new Date('2026-12-02T18:00:00Z');
    expect(exportFileName('accounts', 'accounts.csv', now)).toBe('accounts.csv');
    expect(exportFileName('accounts', null, now)).toBe('accounts-2026-12-02.csv');
  });

  it('uploads the type, the validate-only choice and the file', async () => {
    const form = importForm('customers', new Blob(['Name\nA\n'], { type: 'text/csv' }), 'mine.csv', true);
    expect(form.get('type')).toBe('customers');
    expect(form.get('validateOnly')).toBe('true');
    const file = form.get('file') as File;
    expect([file.name, await file.text()]).toEqual(['mine.csv', 'Name\nA\n']);
    expect(importForm('customers', new Blob([]), 'x.csv', false).get('validateOnly')).toBe('false');
  });

  it('reads an operation’s status, progress and summary; finished once success, failed or cancelled', () => {
    const running = importState({ type: 'asyncoperations', id: '4', attributes: { status: 'running', progress: 40, summary: null } });
    expect(running).toEqual({ status: 'running', progress: 40, summary: null });
    expect(isFinished(running)).toBe(false);
    const summary = { readCount: 3, createCount: 1, updateCount: 1, errorCount: 1 };
    const done = importState({ type: 'asyncoperations', id: '4', attributes: { status: 'success', progress: 100, summary } });
    expect(done.summary).toEqual(summary);
    expect(isFinished(done)).toBe(true);
    expect(isFinished(importState({ type: 'asyncoperations', id: '4', attributes: { status: 'failed' } }))).toBe(true);
    expect(importState({ type: 'asyncoperations', id: '4' })).toEqual({ status: 'new', progress: 0, summary: null });
  });

  it('lists row errors in file order, errors without a row last', () => {
    expect(byRow(['Error in row #12. Name: x', 'The file failed.', 'Error in row #3. The row has 3 cells; the header has 4.', 'Error in row #7. y'])).toEqual([
      'Error in row #3. The row has 3 cells; the header has 4.',
      'Error in row #7. y',
      'Error in row #12. Name: x',
      'The file failed.',
    ]);
  });

  it('asks for the asynchronous export of the grid’s filters and sort (never its page) as a JSON:API document', () => {
    expect(
      exportRequest(
        'accounts',
        [
          { field: 'name', op: 'contains', value: 'a&b' },
          { field: 'createdAt', op: 'between', value: ['2026-01-01T00:00:00Z', ''] },
          { field: 'owner', op: 'eq', value: ['1', '2'] },
          { field: 'id', op: 'neq', value: '7' },
          { field: 'id', op: 'eq', value: '1..9' },
        ],
        '-name',
      ),
    ).toEqual({
      data: {
        type: 'exports',
        attributes: {
          entityType: 'accounts',
          filter: { name: { contains: 'a&b' }, createdAt: { gte: '2026-01-01T00:00:00Z' }, owner: '1,2', id: { neq: '7', eq: '1..9' } },
          sort: '-name',
        },
      },
    });
    expect(exportRequest('contacts', [], undefined)).toEqual({ data: { type: 'exports', attributes: { entityType: 'contacts', filter: {} } } });
  });
});
