import { Map as IMap } from 'immutable';
import { BusinessDate } from '../shared/business-date';
import { Fen, maxFen } from '../shared/money';
import { CbrcBasis as CapBasis } from '../caps/cap.events';
import { BookState, Drawdown, Limit, LimitVersion, OpenBreach, Relation } from './book.state';

/**
 * The book as it stood on a business date (domain.md section 4, "Deciding at a date"). Every fact carries the
 * date it took effect, so the book on a date is read off the state, not replayed. When nothing took effect after
 * the date (every command dated today), each reader answers from the book today without looking at history: the
 * hot path costs what it cost before the time axis.
 */

/** The last business date on which anything took effect; the book today is the book on any date from it on. */
export function latestDate(state: BookState): BusinessDate | undefined {
  return state.dates.length === 0 ? undefined : state.dates[state.dates.length - 1];
}

/** True when nothing took effect after the date: the book on it is the book today. */
export function isCurrent(state: BookState, date: BusinessDate): boolean {
  const latest = latestDate(state);
  return latest === undefined || date >= latest;
}

/** Adds a date to an ascending list of distinct dates; the common case (today, already last) costs nothing. */
export function withDate(dates: readonly BusinessDate[], date: BusinessDate): readonly BusinessDate[] {
  const last = dates.length === 0 ? undefined : dates[dates.length - 1];
  if (last === date) return dates;
  if (last === undefined || last < date) return [...dates, date];
  if (dates.includes(date)) return dates;
  return [...dates, date].sort();
}

/**
 * The dates a command dated `date` must be checked on: its own, every later date on which something took effect
 * (a measure or a cap can only rise on such a date: time alone only lowers a reported limit), and today.
 */
export function datesFrom(state: BookState, date: BusinessDate, today: BusinessDate): BusinessDate[] {
  const out = [date];
  const dates = state.dates;
  // Dates are ascending and a command is most often dated on or after the last of them: search from the end.
  let i = dates.length;
  while (i > 0 && dates[i - 1] > date) i--;
  for (; i < dates.length; i++) out.push(dates[i]);
  if (today > out[out.length - 1]) out.push(today);
  return out;
}

/** The terms in force on the date, or undefined before the limit was granted or requested. */
export function termsOn(limit: Limit, date: BusinessDate): LimitVersion | undefined {
  let found: LimitVersion | undefined;
  for (const t of limit.terms) {
    if (t.from > date) break;
    found = t;
  }
  return found;
}

/** What a drawdown had outstanding at the end of the date: nothing before it was booked. */
export function outstandingOn(drawdown: Drawdown, date: BusinessDate): Fen {
  if (date < drawdown.since) return 0n;
  let outstanding = drawdown.amount;
  for (const r of drawdown.repayments) if (r.on <= date) outstanding -= r.amount;
  return outstanding;
}

/**
 * The exposure left on a drawdown with this much outstanding. `covered` is what its booking did not expose (the
 * margin, or all of it for low-risk business); the cover stays pledged until the item is settled, so a
 * repayment first reduces the uncovered part.
 */
export function exposureLeft(outstanding: Fen, covered: Fen): Fen {
  return maxFen(0n, outstanding - covered);
}

/**
 * The limit as it stood on the date: its terms then and the balances of its drawdowns then; undefined before it
 * took effect. The same object as the book today's when nothing about it changed after the date.
 */
export function limitOn(state: BookState, limit: Limit, date: BusinessDate): Limit | undefined {
  if (date < limit.since) return undefined;
  if (isCurrent(state, date)) return limit;
  const terms = termsOn(limit, date) as LimitVersion;
  const changedLater = terms !== limit.terms[limit.terms.length - 1];
  let outstanding = 0n;
  let exposure = 0n;
  let balanceChangedLater = false;
  for (const drawdown of state.drawdowns.ofLimit(limit.limitId)) {
    if (drawdown.since > date || drawdown.repayments.some((r) => r.on > date)) balanceChangedLater = true;
    const out = outstandingOn(drawdown, date);
    outstanding += out;
    exposure += exposureLeft(out, drawdown.covered);
  }
  if (!changedLater && !balanceChangedLater) return limit;
  const { amount, validTo, status, requestedBy, pendingRenewal } = terms;
  return { ...limit, amount, validTo, status, requestedBy, pendingRenewal, outstanding, exposure };
}

/** The limits of a customer as they stood on the date (those not yet granted left out). */
export function limitsOn(state: BookState, customerId: string, date: BusinessDate): readonly Limit[] {
  const limits = state.limitsByCustomer.get(customerId) ?? [];
  if (isCurrent(state, date)) return limits;
  const out: Limit[] = [];
  for (const l of limits) {
    const on = limitOn(state, l, date);
    if (on) out.push(on);
  }
  return out;
}

/** The customer's group on the date, as the log's group events recorded it. */
export function groupOn(state: BookState, customerId: string, date: BusinessDate): string | undefined {
  if (isCurrent(state, date)) return state.groupOf.get(customerId);
  let groupId: string | null = null;
  for (const m of state.memberships.get(customerId) ?? []) {
    if (m.from > date) break;
    groupId = m.groupId;
  }
  return groupId ?? undefined;
}

/** The group's members on the date, in no particular order; empty when the group did not exist then. */
export function membersOn(state: BookState, groupId: string, date: BusinessDate): string[] {
  if (isCurrent(state, date)) return state.groups.get(groupId)?.members.toArray() ?? [];
  return (state.everInGroup.get(groupId) ?? []).filter((c) => groupOn(state, c, date) === groupId);
}

/** A relation is in force from its effective date until the date it was removed on. */
export function inForce(relation: Relation, date: BusinessDate): boolean {
  return relation.since <= date && (relation.until === null || date < relation.until);
}

/** The breaches open on the date, by basis, as the log's breach events recorded them. */
export function openBreachesOn(state: BookState, subjectKey: string, date: BusinessDate): IMap<CapBasis, OpenBreach> {
  if (isCurrent(state, date)) return state.breaches.get(subjectKey) ?? IMap();
  let open = IMap<CapBasis, OpenBreach>();
  for (const entry of state.breachHistory.get(subjectKey) ?? []) {
    if (entry.from > date) break;
    open = entry.open ? open.set(entry.basis, entry.open) : open.remove(entry.basis);
  }
  return open;
}
