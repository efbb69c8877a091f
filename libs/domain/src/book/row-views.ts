/**
 * The rule by which a state's view of appended rows stays readable (customer-rows.ts, drawdown-rows.ts, row-map.ts).
 * A view made over the first `mine` rows, in truncation epoch `epoch`, still has them while at least as many are
 * written and the last of them carries its epoch or an earlier one: a truncation below the view removes that row,
 * and a row written in its place carries a later epoch.
 */
export function stillHolds(written: number, mine: number, epochOfRow: (row: number) => number, epoch: number): boolean {
  return written >= mine && (mine === 0 || epochOfRow(mine - 1) <= epoch);
}

/** What reading a view that no longer holds its rows throws, rather than answer from rows not its own. */
export function leftBehind(rows: string): Error {
  return new Error(`this book state was left behind: a state made from an earlier one has replaced its ${rows}`);
}
