import { pathsToHits, shownChildren, type TreeCustomer } from './tree-paths';

// root ─ a ─ a1 ─ a11 ; root ─ b
const TREE: TreeCustomer[] = [
  { id: '1', name: 'Root', parentId: null },
  { id: '2', name: 'A', parentId: '1' },
  { id: '3', name: 'A1', parentId: '2' },
  { id: '4', name: 'A11', parentId: '3' },
  { id: '5', name: 'B', parentId: '1' },
];

describe('the customer tree’s search paths', () => {
  it('reads the ancestors of every hit level by level and opens them', async () => {
    const requests: string[][] = [];
    const byId = async (ids: string[]) => {
      requests.push(ids);
      return TREE.filter((c) => ids.includes(c.id));
    };
    const { nodes, open } = await pathsToHits([TREE[3], TREE[4]], byId);
    expect([...open].sort()).toEqual(['1', '2', '3']);
    expect([...nodes.keys()].sort()).toEqual(['1', '2', '3', '4', '5']);
    // One request per level for all hits together; the root, parent of one hit and ancestor of the other, is read once.
    expect(requests).toEqual([['3', '1'], ['2']]);
  });

  it('needs no request for a root hit', async () => {
    const byId = jest.fn(async () => []);
    const { open } = await pathsToHits([TREE[0]], byId);
    expect(open.size).toBe(0);
    expect(byId).not.toHaveBeenCalled();
  });

  it('shows a pinned node among a parent’s paged children, in name order, once', () => {
    const pinned = new Map([['5', TREE[4]], ['3', TREE[2]]]);
    expect(shownChildren('1', [TREE[1]], pinned).map((c) => c.id)).toEqual(['2', '5']);
    expect(shownChildren('1', [TREE[1], TREE[4]], pinned).map((c) => c.id)).toEqual(['2', '5']);
    expect(shownChildren('2', [], pinned).map((c) => c.id)).toEqual(['3']);
  });
});
