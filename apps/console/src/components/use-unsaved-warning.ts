import { useBlocker } from '@tanstack/react-router';
import { en } from '../i18n/en';

/** Asks before leaving a page with unsaved changes: in-app navigation (a confirm) and closing the tab (the browser's). */
export function useUnsavedWarning(dirty: boolean): void {
  useBlocker({ shouldBlockFn: () => dirty && !window.confirm(en.record.unsaved), enableBeforeUnload: () => dirty });
}
