import { canMerge, mergeDocument, mergeIds, sourceOf, withMaster, withSource } from './merge-plan';

describe('the account merge plan', () => {
  it('reads 2–5 distinct ids from the URL', () => {
    expect(mergeIds('4, 7,4,x,9')).toEqual(['4', '7', '9']);
    expect(mergeIds(undefined)).toEqual([]);
    expect([1, 2, 5, 6].map(canMerge)).toEqual([false, true, true, false]);
  });

  it('takes each field from the master unless another account is chosen, and sends only the choices', () => {
    let plan = { ids: ['1', '2', '3'], master: '1', sources: {} };
    plan = withSource(plan, 'name', '2');
    plan = withSource(plan, 'externalId', '3');
    expect(sourceOf(plan, 'name')).toBe('2');
    expect(sourceOf(plan, 'owner')).toBe('1');
    plan = withSource(plan, 'externalId', '1');
    expect(plan.sources).toEqual({ name: '2' });
    // The new master is the source of what was chosen from it.
    plan = withMaster(plan, '2');
    expect(plan.sources).toEqual({});
    expect(sourceOf(plan, 'name')).toBe('2');
    expect(mergeDocument(withSource(plan, 'owner', '3'))).toEqual({
      type: 'accountmerges',
      attributes: { fields: { owner: '3' } },
      relationships: {
        master: { data: { type: 'accounts', id: '2' } },
        accounts: { data: [{ type: 'accounts', id: '1' }, { type: 'accounts', id: '2' }, { type: 'accounts', id: '3' }] },
      },
    });
  });
});
