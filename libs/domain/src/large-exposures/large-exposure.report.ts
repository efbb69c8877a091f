import { BookState } from '../book/book.state';
import { BusinessDate } from '../shared/business-date';
import { Fen, ratioOf } from '../shared/money';
import { policyOn } from '../shared/policy';
import { compareIds } from '../groups/id-order';
import { groupOn } from '../book/book-on-date';
import { connectedGroupsOn } from './connected-group';
import {
  LargeExposureFigures,
  LargeExposureSubject,
  clientFigures,
  addFigures,
  isExempt,
  isInterbank,
  isInterbankGroup,
  largeExposureCapsOf,
  largeExposureThreshold,
  measureFor,
  tier1NetCapitalOn,
} from './large-exposure.measure';

/** A member of a G14 row: the client, its name and unified social credit code. */
export interface LargeExposureMember {
  customerId: string;
  name: string;
  creditCode: string | null;
}

/** One row of the G14 large-exposure report (大额风险暴露统计表): a client or a connected group. */
export interface LargeExposureRow {
  subjectType: 'customer' | 'connected-group';
  customerId?: string;
  connectedGroupId?: string;
  name: string;
  members: LargeExposureMember[];
  exposureBeforeMitigation: Fen;
  /** After eligible mitigation: the figure ranked, compared with the threshold and the caps. */
  exposure: Fen;
  /** exposure / tier-1 net capital, 4 decimals rounded half up. */
  ratio: string;
  interbank: boolean;
  /** A sovereign (central government, central bank): reported, never capped. */
  exempt: boolean;
  /** Over any of its 2018 caps on the date, from the figures of that date. */
  inBreach: boolean;
}

export interface LargeExposureReport {
  asOf: BusinessDate;
  /** null: no tier-1 net capital declared on the date, so the 2018 regime is not measured and there are no rows. */
  tier1NetCapital: Fen | null;
  /** largeExposureRatio x tier-1 net capital, rounded up to whole fen: a row's exposure reaches it. */
  threshold: Fen | null;
  rows: LargeExposureRow[];
}

/**
 * The G14 rows as of a date (domain.md section 8): every client and every connected group whose 2018 exposure
 * reaches largeExposureRatio of tier-1 net capital, ranked by exposure (largest first; ties: clients before
 * groups, then by id). A client in a connected group is listed on its own too when it reaches the threshold alone.
 * Pure over the book as it stood on the date (an as-of state, or the write model).
 */
export function largeExposureRows(state: BookState, date: BusinessDate): LargeExposureReport {
  const tier1 = tier1NetCapitalOn(state, date) ?? null;
  if (tier1 === null) return { asOf: date, tier1NetCapital: null, threshold: null, rows: [] };
  const policy = policyOn(state.policyChanges, date);
  const threshold = largeExposureThreshold(policy.largeExposureRatio, tier1);
  const figuresByClient = new Map<string, LargeExposureFigures>();
  const figuresOf = (customerId: string) => {
    let figures = figuresByClient.get(customerId);
    if (!figures) {
      figures = clientFigures(state, customerId, date, policy);
      figuresByClient.set(customerId, figures);
    }
    return figures;
  };
  const memberOf = (customerId: string): LargeExposureMember => {
    const c = state.customers.get(customerId);
    return { customerId, name: c?.name ?? customerId, creditCode: c?.creditCode ?? null };
  };
  const inBreach = (subject: LargeExposureSubject, members: string[], figures: LargeExposureFigures) =>
    largeExposureCapsOf(state, subject, members, date, policy).some((cap) => measureFor(cap.basis, figures) > cap.cap);

  const rows: LargeExposureRow[] = [];
  for (const customer of state.customers.values()) {
    if (customer.since > date) continue;
    const figures = figuresOf(customer.customerId);
    if (figures.exposure < threshold || figures.exposure === 0n) continue;
    const subject: LargeExposureSubject = { subjectType: 'customer', customerId: customer.customerId };
    rows.push({
      subjectType: 'customer',
      customerId: customer.customerId,
      name: customer.name,
      members: [memberOf(customer.customerId)],
      exposureBeforeMitigation: figures.exposureBeforeMitigation,
      exposure: figures.exposure,
      ratio: ratioOf(figures.exposure, tier1),
      interbank: isInterbank(state, customer.customerId),
      exempt: isExempt(state, customer.customerId),
      inBreach: inBreach(subject, [customer.customerId], figures),
    });
  }
  for (const { subject, members } of connectedGroupsOn(state, date)) {
    let figures: LargeExposureFigures = { exposureBeforeMitigation: 0n, exposure: 0n, loans: 0n };
    for (const m of members) figures = addFigures(figures, figuresOf(m));
    if (figures.exposure < threshold || figures.exposure === 0n) continue;
    rows.push({
      subjectType: 'connected-group',
      connectedGroupId: subject.connectedGroupId,
      name: connectedGroupName(state, subject.connectedGroupId, date),
      members: members.map(memberOf),
      exposureBeforeMitigation: figures.exposureBeforeMitigation,
      exposure: figures.exposure,
      ratio: ratioOf(figures.exposure, tier1),
      interbank: isInterbankGroup(state, members),
      exempt: false,
      inBreach: inBreach(subject, members, figures),
    });
  }
  const idOf = (r: LargeExposureRow) => (r.subjectType === 'customer' ? r.customerId! : r.connectedGroupId!);
  rows.sort((a, b) => (a.exposure !== b.exposure ? (a.exposure > b.exposure ? -1 : 1) : a.subjectType !== b.subjectType ? (a.subjectType === 'customer' ? -1 : 1) : compareIds(idOf(a), idOf(b))));
  return { asOf: date, tier1NetCapital: tier1, threshold, rows };
}

/** A connected group is named after its anchor's group client when it has one, else after the anchor itself. */
export function connectedGroupName(state: BookState, connectedGroupId: string, date: BusinessDate): string {
  const groupId = groupOn(state, connectedGroupId, date);
  if (groupId !== undefined) return state.groupNames.get(groupId) ?? groupId;
  return state.customers.get(connectedGroupId)?.name ?? connectedGroupId;
}
