import type { ReactNode } from 'react';
import { en } from '../../i18n/en';
import { Button } from './button';

/** A table row spanning every column with a message (no records, loading). */
export function TableNotice({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="px-2 py-6 text-center text-slate-500">
        {children}
      </td>
    </tr>
  );
}

/**
 * The pager under a list: "from–to of total", previous/next, the page (or "page / last" when the last is known).
 * `children` go before the buttons (e.g. the grid's page size).
 */
export function Pager({
  from,
  shown,
  total,
  page,
  lastPage,
  hasNext,
  onPage,
  children,
}: {
  from: number;
  shown: number;
  total: number | null;
  page: number;
  lastPage?: number;
  hasNext: boolean;
  onPage: (page: number) => void;
  children?: ReactNode;
}) {
  return (
    <nav aria-label="Pages" className="mt-2 flex flex-wrap items-center justify-between gap-2 text-sm">
      <span data-testid="pager-total">{en.grid.total(from, from ? from + shown - 1 : 0, total)}</span>
      <div className="flex items-center gap-2">
        {children}
        <Button size="sm" aria-label={en.grid.previous} disabled={page <= 1} onClick={() => onPage(page - 1)}>
          ‹
        </Button>
        <span>{lastPage ? `${page} / ${lastPage}` : en.grid.page(page)}</span>
        <Button size="sm" aria-label={en.grid.next} disabled={!hasNext} onClick={() => onPage(page + 1)}>
          ›
        </Button>
      </div>
    </nav>
  );
}
