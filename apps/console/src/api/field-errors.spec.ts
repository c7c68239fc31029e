import { fieldOfPointer, placeErrors } from './field-errors';

describe('error documents → form fields', () => {
  it('names the attribute or relationship a pointer points at', () => {
    expect(fieldOfPointer('/data/attributes/name')).toBe('name');
    expect(fieldOfPointer('/data/relationships/owner/data')).toBe('owner');
    expect(fieldOfPointer('/data/attributes/a~1b')).toBe('a/b');
    expect(fieldOfPointer('/data')).toBeNull();
    expect(fieldOfPointer('/included/0/attributes/name')).toBeNull();
    expect(fieldOfPointer(undefined)).toBeNull();
  });

  it('puts errors on the form’s fields and keeps the rest for the top of the form', () => {
    const placed = placeErrors(
      [
        { status: '400', title: 'not blank constraint', detail: 'This value should not be blank.', source: { pointer: '/data/attributes/name' } },
        { status: '400', title: 'length constraint', detail: 'Too long.', source: { pointer: '/data/attributes/name' } },
        { status: '400', title: 'form constraint', detail: 'The account does not exist.', source: { pointer: '/data/relationships/account/data' } },
        { status: '400', title: 'extra fields constraint', detail: 'This form should not contain extra fields: "x".', source: { pointer: '/data/attributes/x' } },
        { status: '409', title: 'conflict constraint', detail: 'The entity already exists.' },
      ],
      new Set(['name', 'account']),
    );
    expect(placed.fields).toEqual({ name: ['This value should not be blank.', 'Too long.'], account: ['The account does not exist.'] });
    expect(placed.general).toEqual(['x: This form should not contain extra fields: "x".', 'The entity already exists.']);
  });

  it('falls back to the title when an error has no detail', () => {
    expect(placeErrors([{ status: '403', title: 'access denied exception' }], new Set()).general).toEqual(['access denied exception']);
  });
});
