import type { ReactNode } from 'react';
import { cn } from './cn';

/** A message above a page or form; errors are announced to screen readers. */
export function Alert({ tone = 'error', children, onClose }: { tone?: 'error' | 'success'; children: ReactNode; onClose?: () => void }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn(
        'mb-3 flex items-start justify-between gap-3 rounded border px-3 py-2 text-sm',
        tone === 'error' ? 'border-red-300 bg-red-50 text-red-800' : 'border-green-300 bg-green-50 text-green-800',
      )}
    >
      <div>{children}</div>
      {onClose && (
        <button type="button" onClick={onClose} aria-label="Close" className="text-current">
          ×
        </button>
      )}
    </div>
  );
}
