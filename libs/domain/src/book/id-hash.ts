/** FNV-1a over a string's UTF-16 code units: the hash by which the book's rows find an id (customer-rows.ts, drawdown-rows.ts). */
export function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h | 0;
}
