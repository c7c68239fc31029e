import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { Dialog } from 'radix-ui';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { JsonApiError, type ResourceObject } from '../api/json-api-client';
import { api } from '../app/services';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { Input } from '../components/ui/input';
import { en, resourceLabel } from '../i18n/en';
import { RecordPicker, type PickedRecord } from '../resources/record-picker';
import { pathsToHits, shownChildren, type TreeCustomer } from './tree-paths';

/** Children are read a page at a time: a parent with thousands of children shows the first ones and "more". */
const PAGE = 50;
const FIELDS = { customers: ['name', 'parent', 'children'] };

function toNode(record: ResourceObject): TreeCustomer {
  const parent = record.relationships?.parent?.data;
  const children = record.relationships?.children as { data?: unknown[]; meta?: { count?: number } } | undefined;
  // Bounded to-many linkage may carry only a count; either says whether there is anything to open.
  const count = children?.meta?.count ?? (Array.isArray(children?.data) ? children.data.length : undefined);
  return {
    id: record.id,
    name: String(record.attributes?.name ?? `#${record.id}`),
    parentId: parent && !Array.isArray(parent) ? parent.id : null,
    hasChildren: count === undefined ? undefined : count > 0,
  };
}

const byIds = async (ids: string[]) =>
  (await api.list('customers', { filters: [{ field: 'id', op: 'eq', value: ids }], page: { number: 1, size: ids.length }, fields: FIELDS })).data.map(toNode);

/** One level of the tree (the roots, or a customer's children), a page at a time. */
function useLevel(parentId: string | null, pages: number, enabled: boolean) {
  return useQuery({
    queryKey: ['customer-tree', parentId, pages],
    enabled,
    queryFn: async () => {
      const result = await api.list('customers', {
        filters: [parentId === null ? { field: 'parent', op: 'exists', value: 'false' } : { field: 'parent', op: 'eq', value: [parentId] }],
        sort: ['name'],
        page: { number: 1, size: PAGE * pages },
        fields: FIELDS,
      });
      return { nodes: result.data.map(toNode), total: result.total };
    },
  });
}

/**
 * The customer hierarchy (Oro's customer tree): roots first, children read when a node is opened, a search that opens
 * the way down to each hit, and a dialog to move a customer under another parent (the server's cycle refusal shown in
 * its own words).
 */
export function CustomerTreePage() {
  const [open, setOpen] = useState<Set<string>>(new Set());
  const [pinned, setPinned] = useState<Map<string, TreeCustomer>>(new Map());
  const [hits, setHits] = useState<Set<string>>(new Set());
  const [term, setTerm] = useState('');
  const [searchNote, setSearchNote] = useState<string | null>(null);
  const [moving, setMoving] = useState<TreeCustomer | null>(null);

  const toggle = (id: string) =>
    setOpen((previous) => {
      const next = new Set(previous);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const search = async (event: FormEvent) => {
    event.preventDefault();
    if (!term.trim()) {
      setHits(new Set());
      setPinned(new Map());
      setSearchNote(null);
      return;
    }
    const found = await api.list('customers', { filters: [{ field: 'name', op: 'contains', value: term.trim() }], sort: ['name'], page: { number: 1, size: 20 }, fields: FIELDS });
    const nodes = found.data.map(toNode);
    const paths = await pathsToHits(nodes, byIds);
    setPinned(paths.nodes);
    setHits(new Set(nodes.map((n) => n.id)));
    setOpen((previous) => new Set([...previous, ...paths.open]));
    setSearchNote(en.tree.found(nodes.length, found.total));
  };

  return (
    <section aria-labelledby="tree-title">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
        <div>
          <Link to="/$type" params={{ type: 'customers' }} className="text-sm text-blue-700 hover:underline">
            ← {resourceLabel('customers')}
          </Link>
          <h1 id="tree-title" className="text-xl font-semibold">
            {en.tree.title}
          </h1>
        </div>
        <form role="search" onSubmit={search} className="flex items-center gap-2">
          <label htmlFor="tree-search" className="text-sm">
            {en.tree.search}
          </label>
          <Input id="tree-search" type="search" value={term} onChange={(e) => setTerm(e.target.value)} className="!w-56" />
          <Button type="submit">{en.tree.find}</Button>
        </form>
      </div>
      {searchNote && (
        <p role="status" className="mb-2 text-sm text-slate-600">
          {searchNote}
        </p>
      )}
      <div className="rounded border border-slate-200 bg-white p-2">
        <ul role="tree" aria-labelledby="tree-title" onKeyDown={moveFocus}>
          <Level parentId={null} open={open} pinned={pinned} hits={hits} onToggle={toggle} onMove={setMoving} />
        </ul>
      </div>
      {moving && (
        <ChangeParentDialog
          customer={moving}
          onClose={() => setMoving(null)}
          onMoved={() => {
            // The search's paths may be out of date now: the tree shows what the server says again.
            setPinned(new Map());
            setHits(new Set());
            setSearchNote(null);
          }}
        />
      )}
    </section>
  );
}

/**
 * The tree's keys (WAI-ARIA tree view): ↓/↑ to the next/previous visible customer, → opens a closed node (or goes to
 * its first child), ← closes an open node (or goes to its parent), Home/End to the first/last customer.
 */
function moveFocus(event: KeyboardEvent<HTMLUListElement>) {
  const links = [...event.currentTarget.querySelectorAll<HTMLAnchorElement>('a[data-tree-node]')];
  const index = links.indexOf(document.activeElement as HTMLAnchorElement);
  if (index < 0) return;
  const item = links[index].closest('[role="treeitem"]')!;
  const toggle = item.querySelector<HTMLButtonElement>(':scope > div > button[data-tree-toggle]');
  const expanded = item.getAttribute('aria-expanded') === 'true';
  const target = (() => {
    switch (event.key) {
      case 'ArrowDown':
        return links[index + 1];
      case 'ArrowUp':
        return links[index - 1];
      case 'Home':
        return links[0];
      case 'End':
        return links[links.length - 1];
      case 'ArrowRight':
        if (item.getAttribute('aria-expanded') === 'false') toggle?.click();
        return expanded ? links[index + 1] : undefined;
      case 'ArrowLeft':
        if (expanded) toggle?.click();
        return expanded ? undefined : (item.parentElement?.closest('[role="treeitem"]')?.querySelector<HTMLAnchorElement>('a[data-tree-node]') ?? undefined);
      default:
        return null;
    }
  })();
  if (target === null) return;
  event.preventDefault();
  target?.focus();
}

interface LevelProps {
  parentId: string | null;
  open: Set<string>;
  pinned: Map<string, TreeCustomer>;
  hits: Set<string>;
  onToggle: (id: string) => void;
  onMove: (customer: TreeCustomer) => void;
}

function Level({ parentId, ...props }: LevelProps) {
  const [pages, setPages] = useState(1);
  const level = useLevel(parentId, pages, true);
  if (level.isLoading) return <li className="px-2 py-1 text-sm text-slate-500">{en.grid.loading}</li>;
  if (level.error) return <li>{level.error instanceof JsonApiError ? level.error.message : en.common.error}</li>;
  const nodes = shownChildren(parentId, level.data?.nodes ?? [], props.pinned);
  const more = (level.data?.total ?? 0) - (level.data?.nodes.length ?? 0);
  return (
    <>
      {nodes.map((node) => (
        <Node key={node.id} node={node} {...props} />
      ))}
      {nodes.length === 0 && parentId !== null && <li className="px-2 py-1 text-sm text-slate-500">{en.tree.noChildren}</li>}
      {more > 0 && (
        <li>
          <Button variant="ghost" size="sm" onClick={() => setPages((p) => p + 1)}>
            {en.tree.more(more)}
          </Button>
        </li>
      )}
    </>
  );
}

function Node({ node, ...props }: { node: TreeCustomer } & Omit<LevelProps, 'parentId'>) {
  const expanded = props.open.has(node.id);
  const leaf = node.hasChildren === false;
  return (
    <li role="treeitem" aria-expanded={leaf ? undefined : expanded} aria-label={node.name} className="pl-1">
      <div className="flex items-center gap-1 py-0.5">
        {leaf ? (
          <span aria-hidden className="inline-block w-6 text-center text-slate-300">
            •
          </span>
        ) : (
          <button
            type="button"
            onClick={() => props.onToggle(node.id)}
            data-tree-toggle
            aria-label={expanded ? en.tree.collapse(node.name) : en.tree.expand(node.name)}
            className="inline-block w-6 rounded text-center text-slate-600 hover:bg-slate-100"
          >
            {expanded ? '▾' : '▸'}
          </button>
        )}
        <Link
          to="/$type/$id"
          params={{ type: 'customers', id: node.id }}
          className={`text-sm hover:underline ${props.hits.has(node.id) ? 'rounded bg-yellow-100 px-1 font-semibold text-slate-900' : 'text-blue-700'}`}
          data-hit={props.hits.has(node.id) || undefined}
          data-tree-node
        >
          {node.name}
        </Link>
        <Button variant="ghost" size="sm" aria-label={en.tree.changeParentOf(node.name)} onClick={() => props.onMove(node)}>
          {en.tree.changeParent}
        </Button>
      </div>
      {expanded && !leaf && (
        <ul role="group" className="ml-4 border-l border-slate-200 pl-2">
          <Level parentId={node.id} {...props} />
        </ul>
      )}
    </li>
  );
}

function ChangeParentDialog({ customer, onClose, onMoved }: { customer: TreeCustomer; onClose: () => void; onMoved: () => void }) {
  const queries = useQueryClient();
  const [parent, setParent] = useState<PickedRecord[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.update({ type: 'customers', id: customer.id, relationships: { parent: { data: parent[0] ? { type: 'customers', id: parent[0].id } : null } } });
      onMoved();
      await queries.invalidateQueries({ queryKey: ['customer-tree'] });
      onClose();
    } catch (e) {
      setError(e instanceof JsonApiError ? e.message : en.common.error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Dialog.Root open onOpenChange={(isOpen) => !isOpen && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 bg-black/30" />
        <Dialog.Content className="fixed left-1/2 top-1/4 w-[min(28rem,92vw)] -translate-x-1/2 rounded-md bg-white p-4 shadow-lg">
          <Dialog.Title className="mb-1 text-base font-semibold">{en.tree.changeParentOf(customer.name)}</Dialog.Title>
          <Dialog.Description className="mb-3 text-sm text-slate-600">{en.tree.changeParentHelp}</Dialog.Description>
          {error && <Alert>{error}</Alert>}
          <div className="mb-4 flex items-center gap-2 text-sm">
            <span>{en.tree.newParent}</span>
            <RecordPicker target="customers" value={parent} onChange={setParent} label={en.tree.newParent} />
          </div>
          <div className="flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button>{en.record.cancel}</Button>
            </Dialog.Close>
            <Button variant="primary" disabled={saving} onClick={save}>
              {saving ? en.record.saving : en.tree.move}
            </Button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
