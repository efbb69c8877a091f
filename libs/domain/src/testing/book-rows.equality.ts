import { expect } from '@jest/globals';
import { Customers } from '../book/customer-rows';
import { Drawdowns } from '../book/drawdown-rows';

/**
 * Jest compares objects by their enumerable properties, and the book's rows (customer-rows.ts, drawdown-rows.ts)
 * keep theirs in private fields: without this, `expect(state).toEqual(other)` would pass whatever customers and
 * drawdowns the two books held. Two views are equal when they list the same entries in the same order.
 */
expect.addEqualityTesters([
  function rowsEqual(this: { equals: (a: unknown, b: unknown) => boolean }, a: unknown, b: unknown): boolean | undefined {
    const rows = (x: unknown) => x instanceof Customers || x instanceof Drawdowns;
    if (!rows(a) && !rows(b)) return undefined;
    if (!rows(a) || !rows(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    return this.equals([...(a as Iterable<unknown>)], [...(b as Iterable<unknown>)]);
  },
]);
