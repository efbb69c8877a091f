/** FNV-1a over a string's UTF-16 code units: the hash by which the book's rows find an id (customer-rows.ts, drawdown-rows.ts). */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** The same hash over code units `from` to `to` of `units`: an id held outside the heap hashes as its string does. */
export function idHashOfUnits(units: Uint16Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ units[i], 0x01000193);
  return h | 0;
}
