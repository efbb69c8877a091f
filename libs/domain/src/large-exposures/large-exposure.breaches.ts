import { Map as IMap } from 'immutable';
import { BookEvent } from '../book/book.events';
import { BookState, OpenBreach } from '../book/book.state';
import { isCurrent } from '../book/book-on-date';
import { BusinessDate } from '../shared/business-date';
import { formatMoney } from '../shared/money';
import { Policy, policyOn } from '../shared/policy';
import { CapEvent, LargeExposureBasis, capitalBaseOf } from '../caps/cap.events';
import { ReconciliationDates, onEveryDateFrom } from '../caps/breach-reconciliation';
import { addFigures, clientFigures, largeExposureCapsOf, LargeExposureCap, LargeExposureFigures, measureFor, LargeExposureSubject, ratioFor, tier1NetCapitalOn } from './large-exposure.measure';
import { largeExposureMembersOn } from './large-exposure.subjects';
import { connectedGroupOf } from './connected-group';
import { parseSubjectKey, subjectKey } from '../book/subject';
import { compareIds } from '../groups/id-order';
import { declarationOn } from '../capital/capital-on-date';

/** The 2018 breaches open on the date for a subject key, by basis, as the log's breach events recorded them. */
export function openLargeExposureBreachesOn(state: BookState, key: string, date: BusinessDate): IMap<LargeExposureBasis, OpenBreach> {
  if (isCurrent(state, date)) return state.largeExposureBreaches.get(key) ?? IMap();
  let open = IMap<LargeExposureBasis, OpenBreach>();
  for (const entry of state.largeExposureBreachHistory.get(key) ?? []) {
    if (entry.from > date) break;
    open = entry.open ? open.set(entry.basis, entry.open) : open.remove(entry.basis);
  }
  return open;
}

/**
 * What an event may have changed in the 2018 measure: 'balance' of a client (its drawdowns: the client and its
 * connected group), the 'grouping' around clients (group membership, economic dependence: their connected groups
 * only, since a client's own figure does not move), or 'all' (capital and policy: every cap and factor).
 * Limits themselves carry no 2018 exposure.
 */
type Touch = { kind: 'balance' | 'grouping'; clients: readonly string[] } | 'all' | null;

function touchOf(event: BookEvent): Touch {
  switch (event.type) {
    case 'NetCapitalDeclared':
    case 'PolicyChanged':
      return 'all';
    case 'RelationRecorded':
    case 'RelationRemoved':
      return { kind: 'grouping', clients: [event.data.from, event.data.to] };
    case 'GroupFormed':
    case 'GroupsMerged':
    case 'GroupDissolved':
      return { kind: 'grouping', clients: event.data.members };
    case 'GroupSplit':
      return { kind: 'grouping', clients: [...event.data.newGroups.flatMap((g) => g.members), ...event.data.leftMembers] };
    case 'GroupMemberJoined':
    case 'GroupMemberLeft':
      return { kind: 'grouping', clients: [event.data.customerId] };
    case 'DrawdownBooked':
    case 'RepaymentBooked':
      return { kind: 'balance', clients: [event.data.customerId] };
    case 'CustomerRegistered':
    case 'LimitGranted':
    case 'LimitRequested':
    case 'LimitRenewed':
    case 'LimitRenewalRequested':
    case 'LimitApproved':
    case 'LimitRejected':
    case 'LimitCancelled':
    case 'CapBreached':
    case 'CapBreachCured':
    case 'LargeCreditReportFiled':
    case 'LargeExposureReportFiled':
    case 'GroupLimitRequested':
    case 'GroupLimitApproved':
    case 'GroupLimitRejected':
    case 'GroupLimitRenewalRequested':
    case 'GroupLimitCancelled':
    case 'GroupLimitReallocated':
      return null;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/**
 * domain.md section 8: breaches and cures of the 2018 caps are recorded like the 2010 ones (caps/breach-reconciliation.ts),
 * with `regime` 'nfra-2018', whether or not the regime refuses commands: after every command, the 2018 subjects it
 * may have changed (each touched client and its connected group, in the state before and after) are measured on
 * the command's earliest date and on every later date on which something took effect, up to today. A connected
 * group that ceased (its anchor left it, or fewer than two clients remain) has its open breaches closed as
 * 'subject-ended'. On a date without tier-1 net capital the regime is not measured and its breach state is left as
 * it stands.
 */
export function reconcileLargeExposureBreaches(
  before: BookState,
  after: BookState,
  events: readonly BookEvent[],
  dates: ReconciliationDates,
  everySubject = false,
): CapEvent[] {
  return onEveryDateFrom(after, dates, (state, on) => reconcileOn(before, state, events, on, everySubject));
}

function reconcileOn(before: BookState, after: BookState, events: readonly BookEvent[], date: BusinessDate, everySubject: boolean): CapEvent[] {
  // Not measured on a date without tier-1 net capital: nothing to walk (and a book without it pays nothing).
  const tier1 = tier1NetCapitalOn(after, date);
  if (tier1 === null || tier1 === undefined) return [];
  const policy = policyOn(after.policyChanges, date);
  let all = everySubject;
  // Clients whose own figure moved (measured alone and in their connected group), and clients around whom grouping
  // moved (only their connected groups, in the state before and after: a merge of two large groups measures the
  // merged group, not each of its members again).
  const balance = new Set<string>();
  const grouping = new Set<string>();
  for (const event of events) {
    const touch = touchOf(event);
    if (touch === 'all') {
      all = true;
      break;
    }
    if (touch) for (const c of touch.clients) (touch.kind === 'balance' ? balance : grouping).add(c);
  }
  if (all) {
    // Every client with credit (drawdowns need a limit), and every client with an open 2018 breach, so that a tier-1
    // declaration, a policy change or a review reaches all of them.
    for (const c of after.limitsByCustomer.keys()) balance.add(c);
    for (const c of openBreachClients(after)) balance.add(c);
    grouping.clear();
  }

  const subjects = new Map<string, LargeExposureSubject>();
  // The members of each connected group found in the state after: measured without walking it again.
  const membersAfter = new Map<string, string[]>();
  for (const c of balance) if (after.customers.has(c)) subjects.set(`customer:${c}`, { subjectType: 'customer', customerId: c });
  // Balances alone never change who is connected: the state after is enough. Grouping changes need both sides.
  for (const state of grouping.size === 0 ? [after] : [before, after]) {
    // Each connected group is walked once per state, however many of its members were touched.
    const placed = new Set<string>();
    for (const c of [...balance, ...grouping]) {
      if (placed.has(c) || !state.customers.has(c)) continue;
      const group = connectedGroupOf(state, c, date);
      if (!group) continue;
      subjects.set(subjectKey(group.subject), group.subject);
      if (state === after) membersAfter.set(subjectKey(group.subject), group.members);
      for (const m of group.members) placed.add(m);
    }
  }
  if (all) for (const key of after.largeExposureBreaches.keys()) if (!subjects.has(key)) subjects.set(key, subjectOfKey(key));

  const figuresByClient = new Map<string, LargeExposureFigures>();
  // Sovereigns are never in a connected group, and a sovereign client has no caps: no exemption to look up here.
  const figuresOfClients = (members: readonly string[]) => {
    let figures: LargeExposureFigures = { exposureBeforeMitigation: 0n, exposure: 0n, loans: 0n };
    for (const m of members) {
      let own = figuresByClient.get(m);
      if (!own) figuresByClient.set(m, (own = clientFigures(after, m, date, policy)));
      figures = addFigures(figures, own);
    }
    return figures;
  };

  const out: CapEvent[] = [];
  for (const [key, subject] of [...subjects].sort(([a], [b]) => compareIds(a, b))) {
    const open = openLargeExposureBreachesOn(after, key, date);
    const members = membersAfter.get(key) ?? largeExposureMembersOn(after, subject, date);
    if (members === undefined) {
      for (const [basis, b] of open) out.push({ type: 'CapBreachCured', data: { ...subject, ...endedFigures(after, basis, b, date, policy), reason: 'subject-ended' } });
      continue;
    }
    const caps = largeExposureCapsOf(after, subject, members, date, policy);
    const figures = caps.length === 0 ? { exposureBeforeMitigation: 0n, exposure: 0n, loans: 0n } : figuresOfClients(members);
    const withMembers = subject.subjectType === 'connected-group' ? { members } : {};
    for (const cap of caps) {
      const measure = measureFor(cap.basis, figures);
      const breached = measure > cap.cap;
      const isOpen = open.has(cap.basis);
      const data = { ...subject, ...figuresOf(cap, measure), ...withMembers };
      if (breached && !isOpen) out.push({ type: 'CapBreached', data });
      if (!breached && isOpen) out.push({ type: 'CapBreachCured', data: { ...data, reason: 'back-under-cap' } });
    }
    // A basis that no longer applies to the subject (a connected group whose non-bank members left, now interbank;
    // a client now exempt): its open breach ends with it.
    for (const [basis, b] of open) {
      if (!caps.some((c) => c.basis === basis)) out.push({ type: 'CapBreachCured', data: { ...subject, ...endedFigures(after, basis, b, date, policy), ...withMembers, reason: 'subject-ended' } });
    }
  }
  return out;
}

function figuresOf(cap: LargeExposureCap, measure: bigint) {
  return {
    regime: 'nfra-2018' as const,
    basis: cap.basis,
    measure: formatMoney(measure),
    cap: formatMoney(cap.cap),
    netCapital: formatMoney(cap.netCapital),
    ratio: cap.ratio,
    capitalBase: cap.capitalBase,
    tier1NetCapital: formatMoney(cap.tier1NetCapital),
  };
}

/** The figures a breach closed because its subject ended carries: those it was opened with. */
function endedFigures(state: BookState, basis: LargeExposureBasis, open: OpenBreach, date: BusinessDate, policy: Policy) {
  const declaration = declarationOn(state.capital, date);
  return {
    regime: 'nfra-2018' as const,
    basis,
    measure: formatMoney(open.measure),
    cap: formatMoney(open.cap),
    netCapital: declaration ? formatMoney(declaration.netCapital) : '0.00',
    ratio: ratioFor(policy, basis),
    capitalBase: capitalBaseOf(basis),
    ...(declaration?.tier1NetCapital != null ? { tier1NetCapital: formatMoney(declaration.tier1NetCapital) } : {}),
  };
}

function openBreachClients(state: BookState): string[] {
  const out: string[] = [];
  for (const key of state.largeExposureBreaches.keys()) {
    const subject = subjectOfKey(key);
    if (subject.subjectType === 'customer') out.push(subject.customerId);
  }
  return out;
}

/** The 2018 breach book's keys name a client or a connected group, never a 2010 group. */
function subjectOfKey(key: string): LargeExposureSubject {
  const subject = parseSubjectKey(key);
  if (subject.subjectType === 'group') throw new Error(`Not a large-exposure subject key: ${key}`);
  return subject;
}
