import { useState } from 'react';
import type { FilterClause } from '../api/filters';
import { JsonApiError } from '../api/json-api-client';
import { api } from '../app/services';
import { Button } from '../components/ui/button';
import { en } from '../i18n/en';
import { exportFileName, exportPath } from './import-export-model';
import { saveFile } from './save-file';

/**
 * "Export CSV" on a grid: the server's streamed CSV of every row matching the grid's filters, in its sort. Fetched
 * with the bearer token (a plain link could not send it) and saved from the blob.
 */
export function ExportButton({ type, filters, sort, onDone }: { type: string; filters: readonly FilterClause[]; sort: string | undefined; onDone: (notice: { tone: 'error' | 'success'; text: string }) => void }) {
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const { blob, fileName } = await api.download(exportPath(type, filters, sort));
      const name = exportFileName(type, fileName, new Date());
      saveFile(blob, name);
      onDone({ tone: 'success', text: en.importExport.exported(name) });
    } catch (error) {
      onDone({ tone: 'error', text: error instanceof JsonApiError ? error.message : en.common.error });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button onClick={run} disabled={busy} aria-busy={busy}>
      {busy ? en.importExport.exporting : en.importExport.export}
    </Button>
  );
}
