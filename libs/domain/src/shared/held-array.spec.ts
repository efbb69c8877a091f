import { appended, withLastReplaced } from './held-array';

describe('appended', () => {
  it('gives a new list with the item last, the given one unchanged', () => {
    const list = ['a', 'b'];
    expect(appended(list, 'c')).toEqual(['a', 'b', 'c']);
    expect(list).toEqual(['a', 'b']);
  });

  it('keeps an item that is itself an array as one item', () => {
    expect(appended<readonly string[]>([['a']], ['b', 'c'])).toEqual([['a'], ['b', 'c']]);
  });

  it('appends to a frozen empty list', () => {
    expect(appended(Object.freeze([] as number[]), 1)).toEqual([1]);
  });
});

describe('withLastReplaced', () => {
  it('gives a new list with its last item replaced, the given one unchanged', () => {
    const list = [1, 2, 3];
    expect(withLastReplaced(list, 9)).toEqual([1, 2, 9]);
    expect(list).toEqual([1, 2, 3]);
  });
});
