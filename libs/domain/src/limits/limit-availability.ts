import { Limit } from '../book/book.state';
import { BusinessDate } from '../shared/business-date';
import { Fen, maxFen } from '../shared/money';

/** domain.md section 3: drawdowns are booked only against an approved limit on a business date inside its validity. */
export function isDrawable(limit: Pick<Limit, 'status' | 'validFrom' | 'validTo'>, date: BusinessDate): boolean {
  return limit.status === 'active' && limit.validFrom <= date && date <= limit.validTo;
}

/**
 * What a drawdown on the date may still take: the limit minus its nominal outstanding (margin does not free
 * any of it), nothing when the limit is not drawable then. Never below zero: a renewal to a lower amount can
 * leave more outstanding than the limit.
 */
export function availableOn(limit: Pick<Limit, 'status' | 'validFrom' | 'validTo' | 'amount' | 'outstanding'>, date: BusinessDate): Fen {
  return isDrawable(limit, date) ? maxFen(0n, limit.amount - limit.outstanding) : 0n;
}
