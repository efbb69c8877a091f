import {
  Fen,
  Limit,
  OnDate,
  allocatedOutstandingOn,
  countsUnderGroupLimit,
  creditWithoutLimit,
  groupLimitContribution,
  groupLimitsOfGroupOn,
  isOnBalance,
  limitContribution,
} from '@groupcap/domain';
import { AsOfBook, LimitBalance } from '../as-of/as-of-book';

/** What a customer, or a group's members together, owe and may owe on the book's date. */
export interface CreditFigures {
  /** Reported comprehensive limit (domain.md sections 2 and 5): the limit-cap measure and the report's amount. */
  comprehensiveLimit: Fen;
  onBalance: Fen;
  offBalance: Fen;
  outstanding: Fen;
  exposure: Fen;
  /** An expired limit awaiting its renewal is counted at its previous amount. */
  carriedForward: boolean;
  /** Nominal outstanding per branch now (every product, acceptances included). */
  branches: Map<string, Fen>;
}

export const noCredit = (): CreditFigures => ({
  comprehensiveLimit: 0n,
  onBalance: 0n,
  offBalance: 0n,
  outstanding: 0n,
  exposure: 0n,
  carriedForward: false,
  branches: new Map(),
});

/** The limit as of the book's date, its balances filled in from the movements up to that date. */
export function limitAsOf(book: AsOfBook, limitId: string, balance: LimitBalance | undefined): Limit | undefined {
  const limit = book.state.limits.get(limitId);
  return limit && { ...limit, outstanding: balance?.outstanding ?? 0n, exposure: balance?.exposure ?? 0n };
}

/** The book's date as the domain's group-limit readers see it: limits with their balances, customers' groups. */
export function asOfDate(book: AsOfBook): OnDate {
  return {
    date: book.date,
    limit: (limitId) => {
      const limit = book.state.limits.get(limitId);
      if (!limit) return undefined;
      return limitAsOf(book, limitId, (book.balancesByCustomer.get(limit.customerId) ?? []).find((b) => b.limitId === limitId));
    },
    groupOf: (customerId) => book.groupOf.get(customerId),
  };
}

function addCustomer(book: AsOfBook, customerId: string, into: CreditFigures, groupId: string | undefined): void {
  const balances = new Map((book.balancesByCustomer.get(customerId) ?? []).map((b) => [b.limitId, b]));
  const limitIds = new Set([...(book.state.limitsByCustomer.get(customerId) ?? []).map((l) => l.limitId), ...balances.keys()]);
  for (const limitId of limitIds) {
    const balance = balances.get(limitId);
    const limit = limitAsOf(book, limitId, balance);
    // No limit as of the date but a balance: drawn under a limit whose grant takes effect later.
    const counted = limit ? limitContribution(limit, book.date) : creditWithoutLimit(balance?.outstanding ?? 0n);
    // An allocation inside its group's group limit is counted once, by the group limit (domain.md section 2).
    if (!(limit && countsUnderGroupLimit(book.state, limit, groupId, book.date))) {
      into.comprehensiveLimit += counted.reported;
      if (counted.carriedForward) into.carriedForward = true;
    }
    if (!balance) continue;
    into.outstanding += balance.outstanding;
    into.exposure += balance.exposure;
    for (const [product, { outstanding }] of balance.byProduct) {
      if (isOnBalance(product)) into.onBalance += outstanding;
      else into.offBalance += outstanding;
    }
    if (balance.branch !== null) into.branches.set(balance.branch, (into.branches.get(balance.branch) ?? 0n) + balance.outstanding);
  }
}

/**
 * The figures of these customers together; for a group (`groupId`), its group limits count in place of the
 * allocations under them, with the same domain functions as the write model's measure.
 */
export function creditFigures(book: AsOfBook, customerIds: Iterable<string>, groupId?: string): CreditFigures {
  const figures = noCredit();
  for (const customerId of customerIds) addCustomer(book, customerId, figures, groupId);
  if (groupId !== undefined && book.state.groupLimitsByGroup.has(groupId)) {
    const on = asOfDate(book);
    for (const groupLimit of groupLimitsOfGroupOn(book.state, groupId, book.date)) {
      const counted = groupLimitContribution(groupLimit, book.date, allocatedOutstandingOn(groupLimit, on));
      figures.comprehensiveLimit += counted.reported;
      if (counted.carriedForward) figures.carriedForward = true;
    }
  }
  return figures;
}

/** Nominal outstanding per branch at the end of the previous quarter, for these customers together. */
export function branchesAtQuarterEnd(book: AsOfBook, customerIds: Iterable<string>): Map<string, Fen> {
  const total = new Map<string, Fen>();
  for (const customerId of customerIds) {
    for (const [branch, outstanding] of book.branchesAtQuarterEnd.get(customerId) ?? []) {
      total.set(branch, (total.get(branch) ?? 0n) + outstanding);
    }
  }
  return total;
}
