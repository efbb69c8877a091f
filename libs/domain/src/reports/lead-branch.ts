import { Fen } from '../shared/money';

/** Nominal outstanding per branch (acceptances included: every product counts). */
export type BranchBalances = ReadonlyMap<string, Fen>;

function ranked(balances: BranchBalances): string[] {
  return [...balances]
    .filter(([, balance]) => balance > 0n)
    .sort(([a, x], [b, y]) => (x === y ? (a < b ? -1 : a > b ? 1 : 0) : x > y ? -1 : 1))
    .map(([branch]) => branch);
}

/**
 * domain.md section 6: the lead is the branch with the largest balance at the end of the previous quarter
 * (ties: the smaller branch name). It stays lead however far its balance falls; only once it has nothing
 * left does the next largest of that ranking that still has a balance take over. When none of them has
 * (all the credit is newer than the quarter end), the largest balance today leads.
 */
export function leadBranch(atPreviousQuarterEnd: BranchBalances, now: BranchBalances): string | null {
  const stillHolding = ranked(atPreviousQuarterEnd).find((branch) => (now.get(branch) ?? 0n) > 0n);
  return stillHolding ?? ranked(now)[0] ?? null;
}
