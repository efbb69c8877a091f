import { Map as IMap } from 'immutable';
import { BookState, BreachEntry, OpenBreach } from '../book/book.state';
import { BusinessDate } from '../shared/business-date';
import { updated } from '../book/id-map';
import { subjectKey } from '../book/subject';
import { parseMoney } from '../shared/money';
import { CapEvent } from './cap.events';

/**
 * Each breach and cure is filed under its subject by the date it holds from (breach state on any date); the
 * breaches open today are those whose latest entry, by date, is a breach.
 */
export function evolveCap(state: BookState, event: CapEvent, effectiveDate: BusinessDate): BookState {
  const key = subjectKey(event.data);
  const from = event.data.effectiveFrom ?? effectiveDate;
  const open = event.type === 'CapBreached' ? { measure: parseMoney(event.data.measure), cap: parseMoney(event.data.cap) } : null;
  const entry: BreachEntry = { from, basis: event.data.basis, open };
  const history = state.breachHistory.get(key) ?? [];
  const isLatest = !history.some((e) => e.basis === entry.basis && e.from > from);
  const breachHistory = state.breachHistory.set(key, [...history.filter((e) => e.from <= from), entry, ...history.filter((e) => e.from > from)]);
  if (!isLatest) return { ...state, breachHistory };
  switch (event.type) {
    case 'CapBreached': {
      return { ...state, breachHistory, breaches: updated(state.breaches, key, (b = IMap()) => b.set(event.data.basis, open as OpenBreach)) };
    }
    case 'CapBreachCured': {
      const remaining = (state.breaches.get(key) ?? IMap()).remove(event.data.basis);
      return { ...state, breachHistory, breaches: remaining.isEmpty() ? state.breaches.remove(key) : state.breaches.set(key, remaining) };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
