import { InvalidCursorError, decodeCursor, encodeCursor, pageOf } from './paging';

const ids = ['A', 'B', 'C', 'D', 'E'];
const keyOf = (id: string) => ({ id });
const after = (cursor: string | undefined) => {
  if (cursor === undefined) return undefined;
  const { id } = decodeCursor(cursor, ['id']);
  return (item: string) => item > (id as string);
};

describe('cursor paging', () => {
  it('walks a list page by page to the end, each page after the last key of the one before', () => {
    const first = pageOf(ids, 2, after(undefined), keyOf);
    expect(first.items).toEqual(['A', 'B']);
    const second = pageOf(ids, 2, after(first.next as string), keyOf);
    expect(second.items).toEqual(['C', 'D']);
    const last = pageOf(ids, 2, after(second.next as string), keyOf);
    // E is the last item: no next cursor.
    expect(last).toEqual({ items: ['E'], next: null });
  });

  it('gives no next cursor when a page ends exactly at the end of the list', () => {
    expect(pageOf(ids, 5, undefined, keyOf).next).toBeNull();
  });

  it('is keyset paging: an item removed before the cursor shifts nothing', () => {
    const first = pageOf(ids, 2, undefined, keyOf);
    expect(pageOf(['B', 'C', 'D', 'E'], 2, after(first.next as string), keyOf).items).toEqual(['C', 'D']);
  });

  it('refuses a cursor it did not give out', () => {
    const bad = ['not base64!', Buffer.from('[1]').toString('base64url'), Buffer.from('{"id":1}').toString('base64url'), encodeCursor({ other: 'A' }), ''];
    for (const cursor of bad) expect(() => decodeCursor(cursor, ['id'])).toThrow(InvalidCursorError);
    expect(decodeCursor(encodeCursor({ id: 'B' }), ['id'])).toEqual({ id: 'B' });
  });
});
