/**
 * Arrays the write model holds (a drawdown's repayments, a limit's terms, a customer's limits and relations, its
 * memberships), made at their exact length. V8 builds `[...list, item]` by pushing, and a push past the end grows
 * the store to 1.5 times plus 16 slots: an array of one item built that way keeps 17 slots (152 bytes) where it needs
 * one, for as long as the fact lives. concat() allocates the exact length.
 */
export function appended<T>(list: readonly T[], item: T): T[] {
  // The item is wrapped: concat() would spread an item that is itself an array.
  return list.concat([item]);
}

/** The list with its last item replaced by `item` (the list must not be empty). */
export function withLastReplaced<T>(list: readonly T[], item: T): T[] {
  return list.slice(0, -1).concat([item]);
}
