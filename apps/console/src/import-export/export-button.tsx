import { useState } from 'react';
import type { FilterClause } from '../api/filters';
import { JsonApiError, type ResourceObject } from '../api/json-api-client';
import { api } from '../app/services';
import { Button } from '../components/ui/button';
import { en } from '../i18n/en';
import { filePath } from '../operations/operations-model';
import { exportFileName, exportRequest, importState, isFinished } from './import-export-model';
import { saveFile } from './save-file';

const POLL_MS = 1000;

/**
 * "Export CSV" on a grid: starts the asynchronous export of every row matching the grid's filters, in its sort
 * (`POST /admin/api/exports`), follows it (the button shows its progress) and saves its file when it is done. The
 * export stays on the Operations page, so a file can be fetched again, or later if the page was left meanwhile.
 */
export function ExportButton({ type, filters, sort, onDone }: { type: string; filters: readonly FilterClause[]; sort: string | undefined; onDone: (notice: { tone: 'error' | 'success'; text: string }) => void }) {
  const [progress, setProgress] = useState<number | null>(null);
  const run = async () => {
    setProgress(0);
    try {
      const { data } = await api.send<{ data: ResourceObject }>('POST', '/exports', exportRequest(type, filters, sort));
      let state = importState(data);
      while (!isFinished(state)) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        state = importState((await api.get('asyncoperations', data.id)).data);
        setProgress(state.progress);
      }
      if (state.status !== 'success') return onDone({ tone: 'error', text: en.importExport.exportFailed(data.id) });
      const { blob, fileName } = await api.download(filePath(data.id));
      const name = exportFileName(type, fileName, new Date());
      saveFile(blob, name);
      onDone({ tone: 'success', text: en.importExport.exported(name) });
    } catch (error) {
      onDone({ tone: 'error', text: error instanceof JsonApiError ? error.message : en.common.error });
    } finally {
      setProgress(null);
    }
  };
  const busy = progress !== null;
  return (
    <Button onClick={run} disabled={busy} aria-busy={busy}>
      {busy ? en.importExport.exportingProgress(progress) : en.importExport.export}
    </Button>
  );
}
