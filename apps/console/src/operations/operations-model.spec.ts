import { filePath, hasErrors, hasFile, isRunning, operationRow, operationsQuery } from './operations-model';

describe('the operations page’s rules', () => {
  it('asks for the caller’s imports and exports, newest first, a page at a time', () => {
    expect(operationsQuery('7', 2)).toEqual({
      filters: [
        { field: 'owner', op: 'eq', value: ['7'] },
        { field: 'kind', op: 'eq', value: ['import', 'export'] },
      ],
      sort: ['-createdAt', '-id'],
      page: { number: 2, size: 20 },
    });
  });

  it('offers the file of a finished export only, and the errors of an operation that has some', () => {
    const row = (attributes: Record<string, unknown>) => operationRow({ type: 'asyncoperations', id: '5', attributes });
    const done = row({ kind: 'export', entityType: 'customers', status: 'success', progress: 100, summary: { readCount: 3, createCount: 0, updateCount: 0, errorCount: 0 } });
    expect(done).toMatchObject({ id: '5', kind: 'export', entityType: 'customers', progress: 100 });
    expect([hasFile(done), isRunning(done), hasErrors(done)]).toEqual([true, false, false]);
    const running = row({ kind: 'export', status: 'running', progress: 40, summary: null });
    expect([hasFile(running), isRunning(running)]).toEqual([false, true]);
    const failedImport = row({ kind: 'import', status: 'success', summary: { readCount: 2, createCount: 1, updateCount: 0, errorCount: 1 } });
    expect([hasFile(failedImport), hasErrors(failedImport)]).toEqual([false, true]);
    expect(row({})).toMatchObject({ status: 'new', progress: 0, summary: null, createdAt: null, validateOnly: false });
    expect(row({ kind: 'import', validateOnly: true }).validateOnly).toBe(true);
    expect(filePath('5')).toBe('/asyncoperations/5/file');
  });
});
