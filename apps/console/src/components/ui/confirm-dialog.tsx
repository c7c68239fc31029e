import { AlertDialog } from 'radix-ui';
import type { ReactNode } from 'react';
import { en } from '../../i18n/en';
import { Button } from './button';

/** Asks before a destructive action; the trigger is the child. */
export function ConfirmDialog({ message, confirmLabel, onConfirm, children }: { message: string; confirmLabel: string; onConfirm: () => void; children: ReactNode }) {
  return (
    <AlertDialog.Root>
      <AlertDialog.Trigger asChild>{children}</AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 bg-black/30" />
        <AlertDialog.Content className="fixed left-1/2 top-1/3 w-[min(26rem,90vw)] -translate-x-1/2 rounded-md bg-white p-4 shadow-lg">
          <AlertDialog.Title className="mb-2 text-base font-semibold">{confirmLabel}</AlertDialog.Title>
          <AlertDialog.Description className="mb-4 text-sm text-slate-700">{message}</AlertDialog.Description>
          <div className="flex justify-end gap-2">
            <AlertDialog.Cancel asChild>
              <Button>{en.record.cancel}</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant="danger" onClick={onConfirm}>
                {confirmLabel}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
