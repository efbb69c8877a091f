import { BookEvent } from '../book/book.events';
import { BookState } from '../book/book.state';
import { subjectExists, subjectKey, subjectOf } from '../book/subject';
import { BusinessDate } from '../shared/business-date';
import { formatMoney } from '../shared/money';
import { CbrcBasis as CapBasis, CapEvent, Subject } from './cap.events';
import { capOf, overCap } from './measures';
import { GroupSums } from './group-sums';
import { Set as ISet } from 'immutable';
import { evolveCap } from './cap.evolve';
import { datesFrom, groupOn, isCurrent, membersOn, openBreachesOn } from '../book/book-on-date';
import { groupOfGroupLimitOn } from '../group-limits/group-limit-on-date';
import { ReviewScope } from './review-scope';

const BASES: readonly CapBasis[] = ['limit', 'exposure'];

const group = (groupId: string): Subject => ({ subjectType: 'group', groupId });
const customer = (customerId: string): Subject => ({ subjectType: 'customer', customerId });

/**
 * Subjects whose measures or cap an event may have changed, in the state before the command and after it.
 * Group events name their groups directly, so a merge of two large groups costs no lookup per member
 * beyond finding which members stood alone before.
 */
function touchedSubjects(event: BookEvent, before: BookState, after: BookState, on: BusinessDate): Subject[] | 'all' {
  const aloneBefore = (members: Iterable<string>) => [...members].filter((m) => groupOn(before, m, on) === undefined).map(customer);
  const either = (customerId: string) => [subjectOf(before, customerId, on), subjectOf(after, customerId, on)];
  // A group limit counts toward the group it belongs to on the date (it follows merges).
  const groupLimitSubjects = (groupLimitId: string) =>
    [before, after].flatMap((s) => {
      const groupLimit = s.groupLimits.get(groupLimitId);
      const groupId = groupLimit && groupOfGroupLimitOn(groupLimit, on);
      return groupId ? [group(groupId)] : [];
    });
  switch (event.type) {
    case 'NetCapitalDeclared':
    case 'PolicyChanged':
      return 'all';
    case 'CustomerRegistered':
      return [];
    case 'RelationRecorded':
    case 'RelationRemoved':
      return [...either(event.data.from), ...either(event.data.to)];
    case 'GroupFormed':
      return [group(event.data.groupId), ...event.data.members.flatMap(either)];
    case 'GroupsMerged': {
      // Members not `joined` were in the surviving group already; only a joined one can have stood alone, and not
      // one found among an absorbed group's members then: asked of that group's own few members before the book's
      // map of every customer (a merge of two 1,000-member groups asks no customer's group).
      const absorbed = event.data.absorbedGroupIds.map((groupId) => membersSetOn(before, groupId, on));
      const joined = (event.data.joined ?? event.data.members).filter((m) => !absorbed.some((members) => members.has(m)));
      return [group(event.data.groupId), ...event.data.absorbedGroupIds.map(group), ...aloneBefore(joined)];
    }
    case 'GroupSplit':
      return [group(event.data.groupId), ...event.data.newGroups.map((g) => group(g.groupId)), ...event.data.leftMembers.map(customer)];
    case 'GroupMemberJoined':
    case 'GroupMemberLeft':
      return [group(event.data.groupId), customer(event.data.customerId)];
    case 'GroupDissolved':
      return [group(event.data.groupId), ...event.data.members.map(customer)];
    case 'LimitGranted':
    case 'LimitRequested':
    case 'LimitRenewed':
    case 'LimitRenewalRequested':
    case 'LimitApproved':
    case 'LimitRejected':
    case 'LimitCancelled':
    case 'DrawdownBooked':
    case 'RepaymentBooked':
      return either(event.data.customerId);
    case 'CapBreached':
    case 'CapBreachCured':
    case 'LargeCreditReportFiled':
    case 'LargeExposureReportFiled':
      return [];
    case 'GroupLimitRequested':
    case 'GroupLimitApproved':
    case 'GroupLimitRejected':
    case 'GroupLimitRenewalRequested':
    case 'GroupLimitCancelled':
      return groupLimitSubjects(event.data.groupLimitId);
    case 'GroupLimitReallocated':
      return [...either(event.data.fromCustomerId), ...either(event.data.toCustomerId)];
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The group's members on the date: today's own set when the date is current, else gathered from their histories. */
function membersSetOn(state: BookState, groupId: string, on: BusinessDate): { has(customerId: string): boolean } {
  return isCurrent(state, on) ? (state.groups.get(groupId)?.members ?? new Set<string>()) : new Set(membersOn(state, groupId, on));
}

/**
 * domain.md section 4: a cap can be broken without a grant or drawdown (a merge, a lower net capital,
 * a tighter policy), so after every command the affected subjects are measured again and a breach or cure
 * is recorded the moment either measure crosses its cap. Subjects that ceased (merged, split, dissolved)
 * have their open breaches closed as 'subject-ended'.
 *
 * A command changes the book from the earliest date its events hold from (its effective date, or the asOf of a
 * net capital declaration), so the subjects are measured on that date and on every later date on which
 * something took effect, up to today, against the breach state the log records for each date. A breach or cure
 * found on a date other than the command's effective date carries that date as `effectiveFrom`. A command dated
 * today is measured once, as before the time axis.
 *
 * A review (ReviewCaps) measures, beside what its events touched (none), every subject, or the subjects of the
 * customers its scope names (caps/review-scope.ts: those time alone moved since the last review).
 */
export function reconcileBreaches(
  before: BookState,
  after: BookState,
  events: readonly BookEvent[],
  dates: ReconciliationDates,
  review?: ReviewScope,
  sums: GroupSums = new GroupSums(),
): CapEvent[] {
  // A merged group holds exactly the members of the groups merged into it, whose sums deciding the merge took.
  for (const event of events) {
    if (event.type !== 'GroupsMerged') continue;
    const whole = after.groups.get(event.data.groupId)?.members;
    const parts = [event.data.groupId, ...event.data.absorbedGroupIds].map((groupId) => before.groups.get(groupId)?.members);
    if (whole && parts.every((part) => part !== undefined)) sums.mayBeUnionOf(whole, parts as ISet<string>[]);
  }
  return onEveryDateFrom(after, dates, (state, on) => reconcileOn(before, state, events, on, review, sums));
}

export interface ReconciliationDates {
  from: BusinessDate;
  effectiveDate: BusinessDate;
  today: BusinessDate;
}

/**
 * The walk both regimes' breaches share: `found` measures the book on `dates.from` and on every later date on which
 * something took effect, up to today, each date against the breach state the dates before it leave; what is found
 * on a date other than the command's effective date carries that date as `effectiveFrom`.
 */
export function onEveryDateFrom(after: BookState, dates: ReconciliationDates, found: (state: BookState, on: BusinessDate) => CapEvent[]): CapEvent[] {
  const out: CapEvent[] = [];
  let state = after;
  const measuredOn = datesFrom(after, dates.from, dates.today);
  for (const [k, on] of measuredOn.entries()) {
    for (const event of found(state, on)) {
      const dated: CapEvent = on === dates.effectiveDate ? event : ({ ...event, data: { ...event.data, effectiveFrom: on } } as CapEvent);
      out.push(dated);
      // The next date compares with the breach state this one leaves; after the last one nobody looks.
      if (k < measuredOn.length - 1) state = evolveCap(state, dated, dates.effectiveDate);
    }
  }
  return out;
}

function reconcileOn(before: BookState, after: BookState, events: readonly BookEvent[], date: BusinessDate, review: ReviewScope | undefined, sums: GroupSums): CapEvent[] {
  const subjects = new Map<string, Subject>();
  const add = (state: BookState, customerId: string) => {
    const s = subjectOf(state, customerId, date);
    subjects.set(subjectKey(s), s);
  };
  let all = review?.kind === 'every-subject';
  for (const event of events) {
    const touched = touchedSubjects(event, before, after, date);
    if (touched === 'all') {
      all = true;
      break;
    }
    for (const s of touched) subjects.set(subjectKey(s), s);
  }
  // Before as well as after: a threshold change can dissolve or split a group in breach, and that group
  // only exists in the state before; its breach must still be closed as 'subject-ended'.
  const customers = all ? after.limitsByCustomer.keys() : review?.kind === 'customers' ? review.customers : [];
  for (const customerId of customers) {
    add(before, customerId);
    add(after, customerId);
  }
  // A group limit counts for its group even when no member holds a limit of its own (domain.md section 2, group
  // unified credit), so its groups are subjects of their own: one that no longer exists has its breaches closed below.
  const groups = all ? groupsWithGroupLimits(before, after) : review?.kind === 'customers' ? review.groups : [];
  for (const groupId of groups) subjects.set(subjectKey({ subjectType: 'group', groupId }), { subjectType: 'group', groupId });

  const out: CapEvent[] = [];
  for (const [key, subject] of [...subjects].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const open = openBreachesOn(after, key, date);
    const cap = capOf(after, subject, date);
    if (!cap) continue;
    const figuresOf = (basis: CapBasis, measure: bigint) => ({
      regime: 'cbrc-2010' as const,
      basis,
      measure: formatMoney(measure),
      cap: formatMoney(cap.cap),
      netCapital: formatMoney(cap.netCapital),
      ratio: cap.ratio,
    });
    if (!subjectExists(after, subject, date)) {
      for (const [basis, b] of open) {
        out.push({ type: 'CapBreachCured', data: { ...subject, ...figuresOf(basis, b.measure), reason: 'subject-ended' } });
      }
      continue;
    }
    const measures = sums.measuresOf(after, subject, date);
    const over = overCap(measures, cap);
    for (const basis of BASES) {
      const figures = figuresOf(basis, measures[basis]);
      const isOpen = open.has(basis);
      const breached = over.includes(basis);
      if (breached && !isOpen) out.push({ type: 'CapBreached', data: { ...subject, ...figures } });
      if (!breached && isOpen) out.push({ type: 'CapBreachCured', data: { ...subject, ...figures, reason: 'back-under-cap' } });
    }
  }
  return out;
}

/** Every group a group limit ever belonged to, in the state before and after (groupLimitsByGroup is a superset of a date's). */
function groupsWithGroupLimits(before: BookState, after: BookState): Set<string> {
  const groups = new Set<string>(after.groupLimitsByGroup.keys());
  for (const groupId of before.groupLimitsByGroup.keys()) groups.add(groupId);
  return groups;
}
