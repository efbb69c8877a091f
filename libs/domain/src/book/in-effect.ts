import { BusinessDate } from '../shared/business-date';
import { Refusal, refuse } from '../shared/refusal';
import { BookState } from './book.state';

/**
 * A back-dated command may only act on what had taken effect by its own date: no repayment before its
 * drawdown, no link before both customers exist. `entity` is a key of BookState.since ("limit:L1").
 */
export function notYetInEffect(state: BookState, entity: string, date: BusinessDate): Refusal | undefined {
  const since = state.since.get(entity);
  if (since === undefined || date >= since) return undefined;
  const [kind, id] = entity.split(/:(.*)/s);
  return refuse('EFFECTIVE_DATE_TOO_EARLY', `${kind} ${id} only takes effect on ${since}: a command effective ${date} cannot act on it`, {
    effectiveDate: date,
    inEffectFrom: since,
    [`${kind}Id`]: id,
  });
}

export function firstNotYetInEffect(state: BookState, entities: readonly string[], date: BusinessDate): Refusal | undefined {
  for (const entity of entities) {
    const refusal = notYetInEffect(state, entity, date);
    if (refusal) return refusal;
  }
  return undefined;
}
