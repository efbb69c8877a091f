import { Map as IMap } from 'immutable';
import { BookState, BreachEntry, OpenBreach } from '../book/book.state';
import { BusinessDate } from '../shared/business-date';
import { updated } from '../book/id-map';
import { subjectKey } from '../book/subject';
import { parseMoney } from '../shared/money';
import { CapEvent, regimeOf } from './cap.events';

type Breaches<B> = IMap<string, IMap<B, OpenBreach>>;
type History<B extends string> = IMap<string, readonly BreachEntry<B>[]>;

/**
 * Each breach and cure is filed under its subject by the date it holds from (breach state on any date); the
 * breaches open today are those whose latest entry, by date, is a breach. Each regime keeps its own books.
 */
export function evolveCap(state: BookState, event: CapEvent, effectiveDate: BusinessDate): BookState {
  if (event.type !== 'CapBreached' && event.type !== 'CapBreachCured') {
    const unhandled: never = event;
    return unhandled;
  }
  if (regimeOf(event.data) === 'nfra-2018') {
    const { breaches, history } = filed(state.largeExposureBreaches, state.largeExposureBreachHistory, event, effectiveDate);
    return { ...state, largeExposureBreaches: breaches as BookState['largeExposureBreaches'], largeExposureBreachHistory: history as BookState['largeExposureBreachHistory'] };
  }
  const { breaches, history } = filed(state.breaches, state.breachHistory, event, effectiveDate);
  return { ...state, breaches: breaches as BookState['breaches'], breachHistory: history as BookState['breachHistory'] };
}

function filed<B extends string>(breaches: Breaches<B>, breachHistory: History<B>, event: CapEvent, effectiveDate: BusinessDate): { breaches: Breaches<B>; history: History<B> } {
  const key = subjectKey(event.data);
  const basis = event.data.basis as B;
  const from = event.data.effectiveFrom ?? effectiveDate;
  const open = event.type === 'CapBreached' ? { measure: parseMoney(event.data.measure), cap: parseMoney(event.data.cap) } : null;
  const entry: BreachEntry<B> = { from, basis, open };
  const history = breachHistory.get(key) ?? [];
  const isLatest = !history.some((e) => e.basis === entry.basis && e.from > from);
  const nextHistory = breachHistory.set(key, [...history.filter((e) => e.from <= from), entry, ...history.filter((e) => e.from > from)]);
  if (!isLatest) return { breaches, history: nextHistory };
  if (open) return { breaches: updated(breaches, key, (b = IMap<B, OpenBreach>()) => b.set(basis, open)), history: nextHistory };
  const remaining = (breaches.get(key) ?? IMap<B, OpenBreach>()).remove(basis);
  return { breaches: remaining.isEmpty() ? breaches.remove(key) : breaches.set(key, remaining), history: nextHistory };
}
