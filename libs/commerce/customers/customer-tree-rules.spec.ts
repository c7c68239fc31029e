import { BusinessRuleViolation } from '../../platform';
import { checkChildren, pathUnder, type TreeNode } from './customer-tree-rules';

const node = (id: string, path: string[], name = `C${id}`): TreeNode => ({ id, name, parentId: path.length > 1 ? path[path.length - 2] : null, path });
// 1 ─ 2 ─ 3, and 4 alone
const one = node('1', ['1']);
const two = node('2', ['1', '2']);
const three = node('3', ['1', '2', '3']);
const four = node('4', ['4']);

function refusal(run: () => unknown): { message: string; about: unknown } {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BusinessRuleViolation);
    return { message: (error as Error).message, about: (error as BusinessRuleViolation).about };
  }
  throw new Error('expected a refusal');
}

describe('customer tree rules', () => {
  it('gives a new or moved customer the path of its parent followed by its own id', () => {
    expect(pathUnder({ id: null, name: 'New' }, two)).toEqual(['1', '2']);
    expect(pathUnder({ id: null, name: 'New' }, null)).toEqual([]);
    expect(pathUnder({ id: '4', name: 'C4' }, three)).toEqual(['1', '2', '3', '4']);
    expect(pathUnder({ id: '2', name: 'C2' }, null)).toEqual(['2']);
  });

  it('refuses a customer as its own parent, or under one of its descendants, in Oro’s words', () => {
    expect(refusal(() => pathUnder({ id: '2', name: 'C2' }, two)).message).toBe("Circular reference detected. 'C2' cannot be its own parent.");
    const under = refusal(() => pathUnder({ id: '1', name: 'C1' }, three));
    expect(under.message).toBe("Circular reference detected. 'C3' cannot be a parent of 'C1' because it is its child.");
    expect(under.about).toMatchObject({ relationship: 'parent', constraint: 'circular customer reference constraint' });
  });

  it('refuses as children the customer itself and its ancestors, and accepts others', () => {
    expect(() => checkChildren({ id: '3', name: 'C3' }, three.path, [four])).not.toThrow();
    expect(refusal(() => checkChildren({ id: '3', name: 'C3' }, three.path, [three])).message).toBe("Circular reference detected. 'C3' cannot be its own parent.");
    const ancestor = refusal(() => checkChildren({ id: '3', name: 'C3' }, three.path, [four, one]));
    expect(ancestor.message).toBe("Circular reference detected. 'C1' cannot be a child of 'C3' because it is its parent.");
    expect(ancestor.about).toMatchObject({ relationship: 'children' });
    // A new customer under 2 may not take 1 or 2 as children.
    expect(() => checkChildren({ id: null, name: 'New' }, ['1', '2'], [two])).toThrow(BusinessRuleViolation);
  });
});
