import { BusinessDate } from '../shared/business-date';
import { Refusal, refuse } from '../shared/refusal';

/**
 * A back-dated command may only act on what had taken effect by its own date: no repayment before its
 * drawdown, no link before both customers exist. `since` is the entity's own effective date.
 */
export function notYetInEffect(kind: 'customer' | 'relation' | 'limit' | 'drawdown', id: string, since: BusinessDate, date: BusinessDate): Refusal | undefined {
  if (date >= since) return undefined;
  return refuse('EFFECTIVE_DATE_TOO_EARLY', `${kind} ${id} only takes effect on ${since}: a command effective ${date} cannot act on it`, {
    effectiveDate: date,
    inEffectFrom: since,
    [`${kind}Id`]: id,
  });
}
