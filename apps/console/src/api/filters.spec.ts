import { chipOperators, clauseToParameters, filtersToParameters, isComplete, operatorsFromDescription } from './filters';

describe('filter chips → Oro filter parameters', () => {
  it('reads the operators a documented filter parameter names', () => {
    expect(operatorsFromDescription('Operators: eq (`=`), neq (`!=`), contains (`~`), exists (`*`). Values may be lists `a,b` or ranges `a..b`.')).toEqual([
      'eq',
      'neq',
      'exists',
      'contains',
    ]);
    expect(operatorsFromDescription('Operators: eq. Id(s) of the related accounts.')).toEqual(['eq']);
    expect(operatorsFromDescription(undefined)).toEqual([]);
  });

  it('offers operators by type, only those the server documents', () => {
    expect(chipOperators('string', ['eq', 'neq', 'contains', 'exists'])).toEqual(['contains', 'eq', 'neq', 'exists']);
    expect(chipOperators('string', ['eq'])).toEqual(['eq']);
    expect(chipOperators('decimal', ['eq', 'neq', 'lt', 'lte', 'gt', 'gte'])).toEqual(['between', 'eq', 'neq', 'gt', 'gte', 'lt', 'lte']);
    expect(chipOperators('enum', ['eq', 'neq', 'lt'])).toEqual(['eq', 'neq']);
    // A range needs a type that accepts `a..b`.
    expect(chipOperators('boolean', ['eq'])).toEqual(['eq']);
  });

  it('writes eq without an operator and the others with it', () => {
    expect(clauseToParameters({ field: 'name', op: 'eq', value: ' Acme ' })).toEqual([['filter[name]', 'Acme']]);
    expect(clauseToParameters({ field: 'name', op: 'contains', value: 'cm' })).toEqual([['filter[name][contains]', 'cm']]);
    expect(clauseToParameters({ field: 'email', op: 'exists', value: 'false' })).toEqual([['filter[email][exists]', 'false']]);
  });

  it('joins lists with commas (any of them) and ranges with ..', () => {
    expect(clauseToParameters({ field: 'status', op: 'eq', value: ['open', 'won'] })).toEqual([['filter[status]', 'open,won']]);
    expect(clauseToParameters({ field: 'amount', op: 'between', value: ['10', '20'] })).toEqual([['filter[amount]', '10..20']]);
    expect(clauseToParameters({ field: 'amount', op: 'between', value: ['10', ''] })).toEqual([['filter[amount][gte]', '10']]);
    expect(clauseToParameters({ field: 'amount', op: 'between', value: ['', '20'] })).toEqual([['filter[amount][lte]', '20']]);
  });

  it('leaves out chips that are not filled in yet', () => {
    expect(isComplete({ field: 'name', op: 'contains', value: '  ' })).toBe(false);
    expect(isComplete({ field: 'account', op: 'eq', value: [] })).toBe(false);
    expect(isComplete({ field: 'amount', op: 'between', value: ['', ''] })).toBe(false);
    expect(
      filtersToParameters([
        { field: 'name', op: 'contains', value: '' },
        { field: 'account', op: 'eq', value: ['3'] },
      ]),
    ).toEqual([['filter[account]', '3']]);
  });
});
