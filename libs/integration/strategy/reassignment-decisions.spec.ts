import type { CustomerView } from '../../contracts/commerce';
import type { CustomerLink } from '../customer-accounts/customer-batch-linker';
import { restorableAccounts, towardsOwnAccounts, towardsRootAccounts } from './reassignment-decisions';

const customer = (id: string, rootId: string): CustomerView => ({
  id, organizationId: '1', name: `C${id}`, parentId: rootId === id ? null : rootId, ownerId: null, groupId: null, rootId,
  lifetimeSalesValue: '0.0000', lifetimePaidOrderCount: 0, subtreeLifetimeSalesValue: '0.0000',
});
const link = (account: string, previous: string | null = null): CustomerLink => ({ account, previous });

describe('strategy decisions', () => {
  // Root 1 (account A1) with children 2 (own account A2), 3 (shares A1), 4 (unlinked); root 5 has no account, child 6 (A6).
  const children = [customer('2', '1'), customer('3', '1'), customer('4', '1'), customer('6', '5')];
  const links = new Map([['1', link('A1')], ['2', link('A2')], ['3', link('A1')], ['6', link('A6')]]);

  it('root: moves each linked child to its root’s account, remembering the one it leaves when asked', () => {
    expect(towardsRootAccounts(children, links, true)).toEqual({
      moves: [{ customerId: '2', to: 'A1', remember: true }],
      fresh: [{ customer: children[3], remember: true }],
    });
    expect(towardsRootAccounts(children, links, false).moves).toEqual([{ customerId: '2', to: 'A1', remember: false }]);
  });

  it('each: restores a previous account that still exists, keeps own accounts, gives a new one to a child sharing its root’s', () => {
    const after = new Map([['1', link('A1')], ['2', link('A1', 'A2')], ['3', link('A1')], ['6', link('A6', 'A1')]]);
    expect(restorableAccounts(children, after)).toEqual(['A2', 'A1']);
    expect(towardsOwnAccounts(children, after, new Set(['A2']))).toEqual({
      moves: [{ customerId: '2', to: 'A2', remember: false }],
      fresh: [{ customer: children[1], remember: false }],
    });
    // The previous account was deleted meanwhile: a new account instead.
    expect(towardsOwnAccounts(children, after, new Set()).fresh.map((f) => f.customer.id)).toEqual(['2', '3']);
  });

  it('each: never restores the account the child is on, nor its root’s', () => {
    const same = new Map([['1', link('A1')], ['2', link('A2', 'A2')], ['3', link('A1', 'A1')]]);
    expect(restorableAccounts(children, same)).toEqual([]);
    expect(towardsOwnAccounts(children, same, new Set(['A1', 'A2'])).moves).toEqual([]);
  });
});
