/** Ids compare as plain strings (UTF-16 code units), the same order as Array.prototype.sort(). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
