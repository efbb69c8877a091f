/**
 * Cursor paging for every list: a page ends with `next`, an opaque cursor naming the last item's sort key,
 * and the next page is the items after that key in the same order. Keyset, not offset: an item added or
 * removed between two pages shifts nothing. A cursor is base64url JSON; one that does not decode to the
 * list's key is InvalidCursorError (the API answers 400 INVALID_CURSOR).
 */
export class InvalidCursorError extends Error {
  constructor(readonly cursor: string) {
    super('the cursor is not one this list gave out');
  }
}

export interface Page<T> {
  items: T[];
  /** Cursor of the next page; null on the last page. */
  next: string | null;
}

export function encodeCursor(key: Readonly<Record<string, string | null>>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key a cursor names, with exactly these string (or null) fields; InvalidCursorError otherwise. */
export function decodeCursor<K extends string>(cursor: string, fields: readonly K[]): Record<K, string | null> {
  let key: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,2048}$/.test(cursor)) throw new Error('not base64url');
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError(cursor);
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw new InvalidCursorError(cursor);
  const entries = Object.entries(key);
  const valid =
    entries.length === fields.length &&
    entries.every(([name, value]) => (fields as readonly string[]).includes(name) && (typeof value === 'string' || value === null));
  if (!valid) throw new InvalidCursorError(cursor);
  return key as Record<K, string | null>;
}

/**
 * The page after `after` (from the start when undefined) of items already in list order: `isAfter(item)` says
 * whether an item comes after the cursor's key.
 */
export function pageOf<T>(sorted: readonly T[], limit: number, isAfter: ((item: T) => boolean) | undefined, keyOf: (item: T) => Record<string, string | null>): Page<T> {
  const start = isAfter === undefined ? 0 : sorted.findIndex(isAfter);
  const rest = start < 0 ? [] : sorted.slice(start);
  const items = rest.slice(0, Math.max(0, limit));
  const next = rest.length > items.length && items.length > 0 ? encodeCursor(keyOf(items[items.length - 1])) : null;
  return { items, next };
}
