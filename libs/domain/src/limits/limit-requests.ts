import { BookState, Limit } from '../book/book.state';
import { isCurrent, limitOn } from '../book/book-on-date';
import { BusinessDate } from '../shared/business-date';
import { Fen } from '../shared/money';
import { reportedLimit } from '../caps/measures';

/** A grant or renewal awaiting a decision (domain.md section 2), for customer and group limits alike. */
export interface AwaitingDecision {
  request: 'grant' | 'renewal';
  amount: Fen;
  validTo: BusinessDate;
  requestedBy: string;
}

/** What awaits a decision on a limit (or a group limit): its first grant, or a renewal; undefined when nothing does. */
export function awaitingDecision(terms: {
  status: string;
  requestedBy: string | null;
  amount: Fen;
  validTo: BusinessDate;
  pendingRenewal: { amount: Fen; validTo: BusinessDate; requestedBy: string } | null;
}): AwaitingDecision | undefined {
  if (terms.status === 'pending' && terms.requestedBy) return { request: 'grant', amount: terms.amount, validTo: terms.validTo, requestedBy: terms.requestedBy };
  if (terms.pendingRenewal) return { request: 'renewal', ...terms.pendingRenewal };
  return undefined;
}

/**
 * The limit as it will be once the request awaiting a decision on it is approved (domain.md section 2): a grant
 * makes it active; a renewal gives it the requested amount and end date. Its drawdowns stay with it.
 */
export function onceApproved(limit: Limit, pending: AwaitingDecision): Limit {
  return pending.request === 'renewal' ? renewed(limit, pending.amount, pending.validTo) : { ...limit, status: 'active', requestedBy: null };
}

/**
 * What changing one limit does to its subject's limit-cap measure on a date (domain.md sections 2 and 4): the
 * subject's total (`total`, with the limit as it stands, `before`) without the limit, and what the limit will count
 * for as `after`. The cap check of grants, renewals and approvals, and the approver's outlook on the read side.
 */
export function limitChangeOn(total: Fen, before: Limit | undefined, after: Limit, date: BusinessDate): { current: Fen; added: Fen } {
  return { current: total - (before ? reportedLimit(before, date) : 0n), added: reportedLimit(after, date) };
}

/** The limit once a renewal takes effect: new amount and end date; its drawdowns stay with it. */
export function renewed(limit: Limit, amount: Fen, validTo: BusinessDate): Limit {
  return { ...limit, amount, validTo, pendingRenewal: null };
}

/** A user id names one person however it is cased: self-approval is judged case-insensitively. */
export function samePerson(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/**
 * The most the limit had outstanding on any date from `date` on: balances change only on drawdown and repayment
 * dates, and when nothing took effect after the date it is what the limit has today.
 */
export function mostOutstandingFrom(state: BookState, limit: Limit, date: BusinessDate): { amount: Fen; on: BusinessDate } {
  if (isCurrent(state, date)) return { amount: limit.outstanding, on: date };
  const dates = new Set([date]);
  for (const d of state.drawdowns.ofLimit(limit.limitId)) if (d.since > date) dates.add(d.since);
  let most = { amount: 0n, on: date };
  for (const on of [...dates].sort()) {
    const amount = limitOn(state, limit, on)?.outstanding ?? 0n;
    if (amount > most.amount) most = { amount, on };
  }
  return most;
}
