import { useQuery } from '@tanstack/react-query';
import { Dialog } from 'radix-ui';
import { useEffect, useId, useRef, useState } from 'react';
import { JsonApiError, type ResourceObject } from '../api/json-api-client';
import { api, queryClient } from '../app/services';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { en, resourceLabel } from '../i18n/en';
import { byRow, importForm, importState, isFinished } from './import-export-model';
import { saveFile } from './save-file';

/** The row errors shown at most (the operation keeps them all; the CLI prints them all). */
const ERRORS_SHOWN = 100;
const POLL_MS = 1000;

interface Started {
  id: string;
  validateOnly: boolean;
}

/**
 * "Import" on a grid: choose a CSV file, check it only or import it, then follow the asynchronous operation (polled
 * every second) to its summary and row errors. A real import refreshes the grid when it is done.
 */
export function ImportDialog({ type }: { type: string }) {
  const [open, setOpen] = useState(false);
  const [started, setStarted] = useState<Started | null>(null);
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(isOpen) => {
        setOpen(isOpen);
        if (!isOpen) setStarted(null);
      }}
    >
      <Dialog.Trigger asChild>
        <Button>{en.importExport.import}</Button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
        <Dialog.Content className="fixed left-1/2 top-[10%] z-50 max-h-[80vh] w-[min(36rem,94vw)] -translate-x-1/2 overflow-auto rounded-md bg-white p-4 shadow-lg">
          <Dialog.Title className="mb-1 text-base font-semibold">{en.importExport.title(resourceLabel(type))}</Dialog.Title>
          <Dialog.Description className="mb-3 text-sm text-slate-600">{en.importExport.description}</Dialog.Description>
          {started ? <ImportProgress type={type} started={started} onAgain={() => setStarted(null)} /> : <UploadForm type={type} onStarted={setStarted} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function UploadForm({ type, onStarted }: { type: string; onStarted: (started: Started) => void }) {
  const fileId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const [validateOnly, setValidateOnly] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refused = (e: unknown) => setError(e instanceof JsonApiError ? e.message : en.common.error);

  const upload = async () => {
    const file = fileInput.current?.files?.[0];
    if (!file) return setError(en.importExport.chooseFile);
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.upload<{ data: ResourceObject }>('/imports', importForm(type, file, file.name, validateOnly));
      onStarted({ id: data.id, validateOnly });
    } catch (e) {
      refused(e);
    } finally {
      setBusy(false);
    }
  };
  const template = async () => {
    try {
      const { blob, fileName } = await api.download(`/imports/templates/${encodeURIComponent(type)}`);
      saveFile(blob, fileName ?? `${type}-template.csv`);
    } catch (e) {
      refused(e);
    }
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void upload();
      }}
    >
      {error && <Alert>{error}</Alert>}
      <div className="mb-3 flex flex-col gap-1 text-sm">
        <label htmlFor={fileId} className="font-medium">
          {en.importExport.file}
        </label>
        <input id={fileId} ref={fileInput} type="file" accept=".csv,text/csv" className="text-sm" />
      </div>
      <label className="mb-4 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={validateOnly} onChange={(e) => setValidateOnly(e.target.checked)} />
        {en.importExport.validateOnly}
      </label>
      <div className="flex flex-wrap justify-between gap-2">
        <Button onClick={template}>{en.importExport.template}</Button>
        <div className="flex gap-2">
          <Dialog.Close asChild>
            <Button>{en.record.cancel}</Button>
          </Dialog.Close>
          <Button type="submit" variant="primary" disabled={busy}>
            {busy ? en.importExport.starting : en.importExport.start}
          </Button>
        </div>
      </div>
    </form>
  );
}

function ImportProgress({ type, started, onAgain }: { type: string; started: Started; onAgain: () => void }) {
  const operation = useQuery({
    queryKey: ['asyncoperation', started.id],
    queryFn: async () => importState((await api.get('asyncoperations', started.id)).data),
    refetchInterval: (query) => (query.state.data && isFinished(query.state.data) ? false : POLL_MS),
  });
  const state = operation.data;
  const finished = state !== undefined && isFinished(state);
  const errorCount = state?.summary?.errorCount ?? 0;
  const errors = useQuery({
    queryKey: ['asyncoperation-errors', started.id],
    enabled: finished && errorCount > 0,
    queryFn: async () => {
      const path = `/asyncoperations/${encodeURIComponent(started.id)}/errors?page[size]=${ERRORS_SHOWN}`;
      const { data } = await api.read<{ data: Array<{ attributes: { detail?: string; title?: string } }> }>(path);
      return byRow(data.map((e) => e.attributes.detail ?? e.attributes.title ?? ''));
    },
  });

  // A real import changed the records: the grid reads them again.
  useEffect(() => {
    if (finished && !started.validateOnly) void queryClient.invalidateQueries({ queryKey: ['list', type] });
  }, [finished, started.validateOnly, type]);

  const words = started.validateOnly ? en.importExport.checking : en.importExport.status;
  return (
    <div className="text-sm">
      {operation.error && <Alert>{operation.error instanceof JsonApiError ? operation.error.message : en.common.error}</Alert>}
      <p role="status" aria-live="polite" className="mb-2 font-medium">
        {state ? `${words[state.status] ?? state.status} (${state.progress}%)` : en.grid.loading}
      </p>
      <progress className="mb-3 w-full" max={100} value={state?.progress ?? 0} aria-label={en.importExport.progress} />
      {state?.summary && (
        <p data-testid="import-summary" className="mb-3">
          {en.importExport.summary(state.summary, started.validateOnly)}
        </p>
      )}
      {errors.data && errors.data.length > 0 && (
        <section aria-labelledby="import-errors" className="mb-3">
          <h3 id="import-errors" className="mb-1 font-semibold">
            {en.importExport.errors}
          </h3>
          <ul role="alert" className="max-h-60 list-disc overflow-auto pl-5 text-red-800">
            {errors.data.map((detail, index) => (
              <li key={index}>{detail}</li>
            ))}
          </ul>
          {errorCount > errors.data.length && <p className="mt-1 text-slate-600">{en.importExport.moreErrors(errors.data.length, errorCount)}</p>}
        </section>
      )}
      <div className="flex justify-end gap-2">
        {finished && <Button onClick={onAgain}>{en.importExport.again}</Button>}
        <Dialog.Close asChild>
          <Button variant={finished ? 'primary' : 'secondary'}>{en.common.close}</Button>
        </Dialog.Close>
      </div>
    </div>
  );
}
