import { Link } from '@tanstack/react-router';
import { canMerge } from '../accounts/merge-plan';
import { RetryDeadLetter } from '../dead-letters/retry-button';
import { en } from '../i18n/en';

const SECONDARY = 'rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50';

/**
 * Where the generic pages lead to the pages made for one resource: buttons in a grid's header (given the selected
 * rows) and on a record's view page. A new special page adds its entry here and its route in `router.tsx`.
 */
export function GridLinks({ type, selectedIds, served }: { type: string; selectedIds: readonly string[]; served: ReadonlySet<string> }) {
  switch (type) {
    case 'accounts':
      return served.has('accountmerges') && canMerge(selectedIds.length) ? (
        <Link to="/accounts/merge" search={{ ids: selectedIds.join(',') }} className={SECONDARY}>
          {en.merge.selected(selectedIds.length)}
        </Link>
      ) : null;
    case 'customers':
      return (
        <Link to="/customers/tree" className={SECONDARY}>
          {en.tree.open}
        </Link>
      );
    default:
      return null;
  }
}

export function RecordLinks({ type, id }: { type: string; id: string }) {
  switch (type) {
    case 'accounts':
      return (
        <Link to="/accounts/$id/overview" params={{ id }} className={SECONDARY}>
          {en.overview.open}
        </Link>
      );
    case 'deadletters':
      return <RetryDeadLetter id={id} />;
    case 'roles':
    case 'customeruserroles':
      return (
        <Link to={type === 'roles' ? '/roles/$id/permissions' : '/customeruserroles/$id/permissions'} params={{ id }} className={SECONDARY}>
          {en.roles.open}
        </Link>
      );
    default:
      return null;
  }
}
