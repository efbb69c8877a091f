import { List, Map as IMap } from 'immutable';
import { BookEvent } from '../book/book.events';
import { BookState, initialBookState } from '../book/book.state';
import { evolveOn } from '../book/book.evolve';
import { subjectExists, subjectKey } from '../book/subject';
import { reconcileBreaches } from '../caps/breach-reconciliation';
import { CbrcBasis as CapBasis, Subject } from '../caps/cap.events';
import { capOf, measuresOf } from '../caps/measures';
import { BusinessDate } from '../shared/business-date';
import { Fen, isRatioString } from '../shared/money';

/**
 * What-if (architecture.md, risk staff): the recorded facts replayed under another cap policy or net capital.
 * Nothing is decided again: grants and drawdowns stand as recorded (a grant the tighter policy would have
 * refused shows up as a breach), and the log's own breach events are set aside; after each command the
 * subjects it touched are measured against the scenario's caps with the decider's own reconciliation, on the
 * command's effective date: the question is how the book stood on each business date, not on the day the
 * command happened to be recorded.
 */
export interface WhatIfScenario {
  groupCapRatio?: string;
  singleCustomerCapRatio?: string;
  /** Replaces every declaration: this figure is the net capital on every date. */
  netCapital?: Fen;
}

/** One command's events, as the log groups them (they share a command id), with its business date. */
export interface ReplayedCommand {
  effectiveDate: BusinessDate;
  events: readonly BookEvent[];
  /** Log position of the command's last event, to point at it; opaque here. */
  position?: string;
}

export interface WhatIfBreach {
  subject: Subject;
  name: string;
  basis: CapBasis;
  measure: Fen;
  cap: Fen;
  /** measure - cap: always more than zero. */
  excess: Fen;
  netCapital: Fen;
  ratio: string;
  /** Effective date of the command that took the subject over, and its position. */
  since: BusinessDate;
  sincePosition: string | null;
  /** True when the log itself holds this breach open: the scenario did not cause it. */
  breachedInLog: boolean;
}

type ScenarioBreaches = Pick<BookState, 'breaches' | 'breachHistory'>;

interface Opened {
  subject: Subject;
  since: BusinessDate;
  position: string | null;
}

export interface WhatIfReplay {
  scenario: WhatIfScenario;
  /** Every recorded event applied: the book as it is, with the log's own breaches. */
  facts: BookState;
  /** Breaches under the scenario (open today and their history by date), and when each opened. */
  breaches: ScenarioBreaches;
  opened: IMap<string, Opened>;
}

export class InvalidScenarioError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidScenarioError';
  }
}

/** Cap ratios as the policy command accepts them: decimal strings in (0, 1]. */
export function validateScenario(scenario: WhatIfScenario): WhatIfScenario {
  for (const setting of ['groupCapRatio', 'singleCustomerCapRatio'] as const) {
    const value = scenario[setting];
    if (value !== undefined && (!isRatioString(value) || /^0(\.0*)?$/.test(value))) {
      throw new InvalidScenarioError(`${setting} must be a decimal in (0, 1] such as "0.12", got "${value}"`);
    }
  }
  if (scenario.netCapital !== undefined && scenario.netCapital <= 0n) throw new InvalidScenarioError('net capital must be more than zero');
  return scenario;
}

export function startWhatIf(scenario: WhatIfScenario): WhatIfReplay {
  return { scenario: validateScenario(scenario), facts: initialBookState, breaches: { breaches: IMap(), breachHistory: IMap() }, opened: IMap() };
}

const EVER = '0000-01-01';

/** The facts seen through the scenario: its caps, and its own open breaches. */
function underScenario(facts: BookState, replay: WhatIfReplay, breaches: ScenarioBreaches): BookState {
  const { groupCapRatio, singleCustomerCapRatio, netCapital } = replay.scenario;
  // The scenario's ratios hold on every date: recorded changes keep only the settings it leaves alone.
  const override = { ...(groupCapRatio && { groupCapRatio }), ...(singleCustomerCapRatio && { singleCustomerCapRatio }) };
  const kept = facts.policyChanges.map((c) => ({ ...c, changes: { ...c.changes, ...override } }));
  return {
    ...facts,
    policyChanges: kept.unshift({ effectiveDate: EVER, changes: override }),
    capital: netCapital === undefined ? facts.capital : List([{ asOf: EVER, netCapital, tier1NetCapital: null }]),
    ...breaches,
  };
}

const isCapEvent = (e: BookEvent) => e.type === 'CapBreached' || e.type === 'CapBreachCured';

export function replayCommand(replay: WhatIfReplay, command: ReplayedCommand): WhatIfReplay {
  const facts = command.events.reduce(evolveOn(command.effectiveDate), replay.facts);
  const before = underScenario(replay.facts, replay, replay.breaches);
  const after = underScenario(facts, replay, replay.breaches);
  const date = command.effectiveDate;
  const capEvents = reconcileBreaches(before, after, command.events.filter((e) => !isCapEvent(e)), { from: date, effectiveDate: date, today: date });
  let opened = replay.opened;
  for (const e of capEvents) {
    // reconcileBreaches measures the 2010 regime only: its subjects are groups and standalone customers.
    if (e.data.subjectType === 'connected-group') continue;
    const key = `${subjectKey(e.data)}|${e.data.basis}`;
    const subject: Subject = e.data.subjectType === 'group' ? { subjectType: 'group', groupId: e.data.groupId } : { subjectType: 'customer', customerId: e.data.customerId };
    opened = e.type === 'CapBreached' ? opened.set(key, { subject, since: e.data.effectiveFrom ?? date, position: command.position ?? null }) : opened.remove(key);
  }
  const scenario = capEvents.reduce(evolveOn(date), after);
  return { ...replay, facts, breaches: { breaches: scenario.breaches, breachHistory: scenario.breachHistory }, opened };
}

/**
 * Subjects over a cap under the scenario on `asOf`, largest excess first (ties: subject key, basis). A breach
 * still open in the replay but back under on `asOf` (its limits expired since) is not listed.
 */
export function whatIfBreaches(replay: WhatIfReplay, asOf: BusinessDate): WhatIfBreach[] {
  const state = underScenario(replay.facts, replay, replay.breaches);
  const out: WhatIfBreach[] = [];
  for (const [key, { subject, since, position }] of replay.opened) {
    if (!subjectExists(state, subject)) continue;
    const basis = key.slice(key.lastIndexOf('|') + 1) as CapBasis;
    const cap = capOf(state, subject, asOf);
    if (!cap) continue;
    const measure = measuresOf(state, subject, asOf)[basis];
    if (measure <= cap.cap) continue;
    const name = subject.subjectType === 'group' ? (state.groups.get(subject.groupId)?.name ?? subject.groupId) : (state.customers.get(subject.customerId)?.name ?? subject.customerId);
    out.push({
      subject,
      name,
      basis,
      measure,
      cap: cap.cap,
      excess: measure - cap.cap,
      netCapital: cap.netCapital,
      ratio: cap.ratio,
      since,
      sincePosition: position,
      breachedInLog: replay.facts.breaches.get(subjectKey(subject))?.has(basis) ?? false,
    });
  }
  const order = (b: WhatIfBreach) => `${subjectKey(b.subject)}|${b.basis}`;
  return out.sort((a, b) => (a.excess !== b.excess ? (a.excess > b.excess ? -1 : 1) : order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

/** The whole replay: the commands effective on or before `asOf`, in log order, then the breaches on `asOf`. */
export function whatIf(commands: Iterable<ReplayedCommand>, scenario: WhatIfScenario, asOf: BusinessDate): WhatIfBreach[] {
  let replay = startWhatIf(scenario);
  for (const command of commands) if (command.effectiveDate <= asOf) replay = replayCommand(replay, command);
  return whatIfBreaches(replay, asOf);
}
