import { availableOn, isDrawable } from './limit-availability';
import { limitState } from '../testing/book.fixtures';

/** An approved limit of 50,000,000.00 valid 2026-01-01..2026-12-31, amounts in fen. */
const limit = limitState;

describe('isDrawable (domain.md section 3)', () => {
  it('allows drawing on an approved limit from its first to its last valid day', () => {
    expect(isDrawable(limit(), '2026-01-01')).toBe(true);
    expect(isDrawable(limit(), '2026-06-15')).toBe(true);
    expect(isDrawable(limit(), '2026-12-31')).toBe(true);
  });

  it('refuses the day before it starts and the day after it expires', () => {
    expect(isDrawable(limit(), '2025-12-31')).toBe(false);
    expect(isDrawable(limit(), '2027-01-01')).toBe(false);
  });

  it('refuses an expired limit even while its renewal is pending', () => {
    expect(isDrawable(limit({ pendingRenewal: { amount: 6_000_000_000n, validTo: '2027-12-31', requestedBy: 'officer-1' } }), '2027-01-01')).toBe(false);
  });

  it.each(['pending', 'rejected', 'cancelled'] as const)('refuses a %s limit', (status) => {
    expect(isDrawable(limit({ status }), '2026-06-15')).toBe(false);
  });
});

describe('availableOn', () => {
  it('is the amount minus the nominal outstanding, margin freeing none of it', () => {
    // 50,000,000.00 - 40,000,000.00 drawn (of which 5,000,000.00 margin-covered) = 10,000,000.00.
    expect(availableOn(limit({ outstanding: 4_000_000_000n, exposure: 3_500_000_000n }), '2026-06-15')).toBe(1_000_000_000n);
  });

  it('is the whole amount when nothing is drawn, and nothing when all is drawn', () => {
    expect(availableOn(limit(), '2026-06-15')).toBe(5_000_000_000n);
    expect(availableOn(limit({ outstanding: 5_000_000_000n }), '2026-06-15')).toBe(0n);
  });

  it('is never below zero when more is outstanding than the limit (renewed to less)', () => {
    // Renewed to 30,000,000.00 with 40,000,000.00 still drawn.
    expect(availableOn(limit({ amount: 3_000_000_000n, outstanding: 4_000_000_000n }), '2026-06-15')).toBe(0n);
  });

  it('is nothing when the limit cannot be drawn on the date', () => {
    expect(availableOn(limit(), '2025-12-31')).toBe(0n);
    expect(availableOn(limit(), '2027-01-01')).toBe(0n);
    expect(availableOn(limit({ status: 'pending' }), '2026-06-15')).toBe(0n);
  });
});
