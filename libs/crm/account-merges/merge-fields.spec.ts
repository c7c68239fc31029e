import { BusinessRuleViolation } from '../../platform';
import { MERGE_FIELDS, checkMerge, mergedValues, validateFieldSources } from './merge-fields';

const row = (id: string, name: string, referredBy: string | null = null) => ({
  id, name, owner_id: `u${id}`, description: `about ${name}`, external_id: `E${id}`, default_contact_id: null, referred_by_id: referredBy,
});

describe('account merge rules', () => {
  it('takes each field from the account chosen for it, the master’s otherwise', () => {
    const rows = new Map([['1', row('1', 'Master')], ['2', row('2', 'Other')]]);
    const values = mergedValues(rows, '1', ['1', '2'], { name: '2', externalId: '2' });
    expect(Object.fromEntries(Object.keys(MERGE_FIELDS).map((field, i) => [field, values[i]]))).toEqual({
      name: 'Other', owner: 'u1', extend_description: 'about Master', externalId: 'E2', defaultContact: null, referredBy: null,
    });
  });

  it('drops a referral to one of the merged accounts, keeps one to another account', () => {
    const referredBy = (rows: Map<string, Record<string, unknown>>) => mergedValues(rows, '1', ['1', '2'], {})[Object.keys(MERGE_FIELDS).indexOf('referredBy')];
    expect(referredBy(new Map([['1', row('1', 'M', '2')], ['2', row('2', 'O')]]))).toBeNull();
    expect(referredBy(new Map([['1', row('1', 'M', '9')], ['2', row('2', 'O')]]))).toBe('9');
  });

  it.each([
    [['1'], '1', {}, 'You need minimum 2 entities to merge.'],
    [['1', '2', '3', '4', '5', '6'], '1', {}, 'You can merge only 5 entities at once.'],
    [['1', '1'], '1', {}, 'Merge entities should be unique.'],
    [['1', '2'], '3', {}, 'The master account must be one of the merged accounts.'],
    [['1', '2'], '1', { name: '3' }, 'The source of "name" must be one of the merged accounts.'],
  ])('refuses %j with master %s and sources %j: %s', (ids, master, sources, message) => {
    expect(() => checkMerge(ids, master, sources as Record<string, string>)).toThrow(new BusinessRuleViolation(message));
  });

  it('accepts only known fields with account ids as sources', () => {
    expect(validateFieldSources({ name: '2' })).toBeNull();
    expect(validateFieldSources({ color: '2' })).toMatch(/"color" cannot be chosen/);
    expect(validateFieldSources({ name: 'x' })).toBe('The source of "name" should be an account id.');
    expect(validateFieldSources([])).toMatch(/Expected an object/);
  });
});
