import { Limit } from '../book/book.state';
import { stateFrom } from '../testing/book.spec-dsl';
import {
  controlledPair,
  customers,
  drawdownBooked,
  group,
  limitGranted,
  limitRenewalRequested,
  limitRequested,
  netCapitalDeclared,
  policyChanged,
  standalone,
  limitState,
} from '../testing/book.fixtures';
import { breaksCap, capExceeded, capOf, capUtilization, creditWithoutLimit, headroom, limitContribution, measuresOf, netCapitalOn, overCap, reportedLimit } from './measures';

/** A limit of 90,000,000.00 valid until 2026-06-30 (amounts in fen: 1 yuan = 100 fen). */
function limit(overrides: Partial<Limit> = {}): Limit {
  return limitState({ amount: 9_000_000_000n, validTo: '2026-06-30', ...overrides });
}

describe('reportedLimit (domain.md sections 2 and 5)', () => {
  it('reports an approved limit inside its validity at its amount', () => {
    expect(reportedLimit(limit(), '2026-03-31')).toBe(9_000_000_000n);
  });

  it('still reports it at its amount on its last valid day', () => {
    expect(reportedLimit(limit(), '2026-06-30')).toBe(9_000_000_000n);
  });

  it('reports the amount, not the outstanding, when less is drawn (margin and repayments never reduce it)', () => {
    expect(reportedLimit(limit({ outstanding: 1_000_000_000n, exposure: 0n }), '2026-03-31')).toBe(9_000_000_000n);
  });

  it('reports a low-risk limit at its amount: it stays inside the comprehensive limit', () => {
    expect(reportedLimit(limit({ riskClass: 'low-risk' }), '2026-03-31')).toBe(9_000_000_000n);
  });

  it.each(['pending', 'rejected', 'cancelled'] as const)('reports a %s limit at nothing', (status) => {
    expect(reportedLimit(limit({ status }), '2026-03-31')).toBe(0n);
  });

  it('reports an expired limit with no renewal pending at the nominal outstanding', () => {
    // Expired 2026-06-30; 10,000,000.00 still outstanding on 2026-07-01.
    expect(reportedLimit(limit({ outstanding: 1_000_000_000n }), '2026-07-01')).toBe(1_000_000_000n);
  });

  it('reports an expired limit with nothing outstanding and no renewal pending at nothing (a real exit)', () => {
    expect(reportedLimit(limit(), '2026-07-01')).toBe(0n);
  });

  it('carries an expired limit forward at the previous amount while its renewal is pending', () => {
    // Previous period 90,000,000.00; renewal to 120,000,000.00 pending: reported 90,000,000.00, not the requested amount.
    const carried = limit({ outstanding: 1_000_000_000n, pendingRenewal: { amount: 12_000_000_000n, validTo: '2027-06-30', requestedBy: 'officer-1' } });
    expect(reportedLimit(carried, '2026-07-01')).toBe(9_000_000_000n);
  });
});

describe('limitContribution (domain.md section 5)', () => {
  const renewal = { amount: 12_000_000_000n, validTo: '2027-06-30', requestedBy: 'officer-1' };

  it('reports a limit inside its validity at its amount, not carried forward', () => {
    expect(limitContribution(limit({ outstanding: 1_000_000_000n }), '2026-06-30')).toEqual({ reported: 9_000_000_000n, carriedForward: false });
  });

  it('reports the outstanding when it is above the amount (renewed to less than is drawn)', () => {
    // Amount 90,000,000.00, outstanding 95,000,000.00: the larger figure, 95,000,000.00.
    expect(limitContribution(limit({ outstanding: 9_500_000_000n }), '2026-03-31')).toEqual({ reported: 9_500_000_000n, carriedForward: false });
  });

  it('counts an approved limit from its grant, even before its validFrom', () => {
    expect(limitContribution(limit({ validFrom: '2026-05-01' }), '2026-03-31')).toEqual({ reported: 9_000_000_000n, carriedForward: false });
  });

  it('flags an expired limit with a renewal pending as carried forward at its previous amount', () => {
    expect(limitContribution(limit({ outstanding: 1_000_000_000n, pendingRenewal: renewal }), '2026-07-01')).toEqual({ reported: 9_000_000_000n, carriedForward: true });
  });

  it('does not flag a limit whose renewal is pending before it expires', () => {
    expect(limitContribution(limit({ pendingRenewal: renewal }), '2026-06-30')).toEqual({ reported: 9_000_000_000n, carriedForward: false });
  });

  it('reports an expired limit with no renewal pending at its nominal outstanding', () => {
    expect(limitContribution(limit({ outstanding: 1_000_000_000n, exposure: 400_000_000n }), '2026-07-01')).toEqual({ reported: 1_000_000_000n, carriedForward: false });
  });

  it.each(['pending', 'rejected', 'cancelled'] as const)('reports credit drawn under a %s limit at its nominal outstanding, margin added back', (status) => {
    // 10,000,000.00 drawn with 6,000,000.00 margin: exposure 4,000,000.00, reported 10,000,000.00.
    expect(limitContribution(limit({ status, outstanding: 1_000_000_000n, exposure: 400_000_000n }), '2026-03-31')).toEqual({ reported: 1_000_000_000n, carriedForward: false });
  });

  it.each(['pending', 'rejected', 'cancelled'] as const)('reports a %s limit with nothing outstanding at nothing', (status) => {
    expect(limitContribution(limit({ status }), '2026-03-31')).toEqual({ reported: 0n, carriedForward: false });
  });

  it('reports credit with no limit at all at its nominal outstanding', () => {
    expect(creditWithoutLimit(250_000_000n)).toEqual({ reported: 250_000_000n, carriedForward: false });
  });

  it('is what reportedLimit reports', () => {
    const carried = limit({ outstanding: 1_000_000_000n, pendingRenewal: renewal });
    expect(reportedLimit(carried, '2026-07-01')).toBe(limitContribution(carried, '2026-07-01').reported);
  });
});

describe('measuresOf', () => {
  it("sums the reported limits, outstanding and exposure of a group's members", () => {
    // A: LA 60,000,000.00 active, drawn 10,000,000.00 with 3,000,000.00 margin (exposure 7,000,000.00).
    // B: LB 50,000,000.00 pending (0.00); LX 20,000,000.00 expired 2026-02-28 with 5,000,000.00 outstanding (reported 5,000,000.00).
    // limit = 60,000,000.00 + 0.00 + 5,000,000.00 = 65,000,000.00; outstanding = 10,000,000.00 + 5,000,000.00 = 15,000,000.00;
    // exposure = 7,000,000.00 + 5,000,000.00 = 12,000,000.00.
    const state = stateFrom([
      netCapitalDeclared('1000000000.00'),
      ...customers('A', 'B', 'S'),
      ...controlledPair('G000001', 'A', 'B'),
      limitGranted('LA', 'A', '60000000.00'),
      drawdownBooked('D1', 'LA', 'A', '10000000.00', { margin: '3000000.00', exposure: '7000000.00' }),
      limitRequested('LB', 'B', '50000000.00'),
      limitGranted('LX', 'B', '20000000.00', { validTo: '2026-02-28' }),
      drawdownBooked('D2', 'LX', 'B', '5000000.00'),
      limitGranted('LS', 'S', '1000000.00'),
    ]);
    expect(measuresOf(state, group('G000001'), '2026-03-31')).toEqual({ limit: 6_500_000_000n, outstanding: 1_500_000_000n, exposure: 1_200_000_000n });
    expect(measuresOf(state, standalone('S'), '2026-03-31')).toEqual({ limit: 100_000_000n, outstanding: 0n, exposure: 0n });
  });

  it('counts an expired limit carried forward while its renewal is pending', () => {
    const state = stateFrom([
      netCapitalDeclared('1000000000.00'),
      ...customers('S'),
      limitGranted('L1', 'S', '90000000.00', { validTo: '2026-02-28' }),
      limitRenewalRequested('L1', 'S', '95000000.00', '2027-02-28'),
    ]);
    expect(measuresOf(state, standalone('S'), '2026-03-31').limit).toBe(9_000_000_000n);
  });
});

describe('caps', () => {
  const state = stateFrom([netCapitalDeclared('1000000000.00', '2026-01-01'), netCapitalDeclared('1000000.01', '2026-03-01'), ...customers('S')]);

  it('uses the last declaration on or before the date', () => {
    expect(netCapitalOn(state, '2025-12-31')).toBeUndefined();
    expect(netCapitalOn(state, '2026-01-01')).toBe(100_000_000_000n);
    expect(netCapitalOn(state, '2026-02-28')).toBe(100_000_000_000n);
    expect(netCapitalOn(state, '2026-03-01')).toBe(100_000_001n);
  });

  it('is 15% of net capital for a group and 10% for a standalone customer', () => {
    // 1,000,000,000.00 x 0.15 = 150,000,000.00; x 0.10 = 100,000,000.00.
    expect(capOf(state, group('G1'), '2026-02-01')).toEqual({ cap: 15_000_000_000n, netCapital: 100_000_000_000n, ratio: '0.15', refuses: true });
    expect(capOf(state, standalone('S'), '2026-02-01')).toEqual({ cap: 10_000_000_000n, netCapital: 100_000_000_000n, ratio: '0.10', refuses: true });
  });

  it('floors a cap to whole fen', () => {
    // 1,000,000.01 x 0.15 = 150,000.0015 -> 150,000.00; x 0.10 = 100,000.001 -> 100,000.00.
    expect(capOf(state, group('G1'), '2026-03-31')?.cap).toBe(15_000_000n);
    expect(capOf(state, standalone('S'), '2026-03-31')?.cap).toBe(10_000_000n);
  });

  it('follows the policy ratios', () => {
    const tighter = stateFrom([netCapitalDeclared('1000000000.00'), policyChanged({ groupCapRatio: '0.12', singleCustomerCapRatio: '0.08' })]);
    expect(capOf(tighter, group('G1'), '2026-03-31')?.cap).toBe(12_000_000_000n);
    expect(capOf(tighter, standalone('S'), '2026-03-31')?.cap).toBe(8_000_000_000n);
  });

  it('has no cap before any declaration', () => {
    expect(capOf(state, group('G1'), '2025-12-31')).toBeUndefined();
  });

  it('is broken only by more than the cap', () => {
    const cap = { cap: 15_000_000_000n, netCapital: 100_000_000_000n, ratio: '0.15', refuses: true };
    expect(capExceeded(group('G1'), 'limit', cap, 10_000_000_000n, 5_000_000_000n)).toBeUndefined();
    expect(capExceeded(group('G1'), 'limit', cap, 10_000_000_000n, 5_000_000_001n)).toMatchObject({ code: 'GROUP_CAP_EXCEEDED' });
    expect(capExceeded(standalone('S'), 'exposure', cap, 0n, 15_000_000_001n)).toMatchObject({ code: 'CUSTOMER_CAP_EXCEEDED', details: { basis: 'exposure' } });
  });

  it('refuses nothing when the 2010 regime is left out of the policy regimes: measured, never refusing', () => {
    const cap = { cap: 15_000_000_000n, netCapital: 100_000_000_000n, ratio: '0.15', refuses: false };
    expect(capExceeded(group('G1'), 'limit', cap, 10_000_000_000n, 5_000_000_001n)).toBeUndefined();
  });
});

describe('the cap test (domain.md section 4)', () => {
  // Cap 150,000,000.00.
  const cap = { cap: 15_000_000_000n };

  it('is broken only by a measure more than the cap', () => {
    expect(breaksCap(15_000_000_000n, cap)).toBe(false);
    expect(breaksCap(15_000_000_001n, cap)).toBe(true);
  });

  it('names the bases over the cap, limit first', () => {
    expect(overCap({ limit: 15_000_000_000n, exposure: 15_000_000_000n }, cap)).toEqual([]);
    expect(overCap({ limit: 15_000_000_001n, exposure: 9_000_000_000n }, cap)).toEqual(['limit']);
    expect(overCap({ limit: 12_000_000_000n, exposure: 15_000_000_001n }, cap)).toEqual(['exposure']);
    expect(overCap({ limit: 16_000_000_000n, exposure: 15_500_000_000n }, cap)).toEqual(['limit', 'exposure']);
  });

  it('measures headroom from the larger of limit and exposure', () => {
    // 150,000,000.00 - max(120,000,000.00, 80,000,000.00) = 30,000,000.00.
    expect(headroom({ limit: 12_000_000_000n, exposure: 8_000_000_000n }, cap)).toBe(3_000_000_000n);
    // Exposure above the limit (renewed to less than is drawn): 150,000,000.00 - 130,000,000.00 = 20,000,000.00.
    expect(headroom({ limit: 10_000_000_000n, exposure: 13_000_000_000n }, cap)).toBe(2_000_000_000n);
  });

  it('gives a negative headroom when over the cap', () => {
    // 150,000,000.00 - 160,000,000.00 = -10,000,000.00.
    expect(headroom({ limit: 16_000_000_000n, exposure: 0n }, cap)).toBe(-1_000_000_000n);
  });

  it('gives the utilisation as the larger measure over the cap, to 4 decimals rounded half up', () => {
    // 120,000,000.00 / 150,000,000.00 = 0.8.
    expect(capUtilization({ limit: 12_000_000_000n, exposure: 8_000_000_000n }, cap)).toBe('0.8000');
    // 100,000,000.00 / 150,000,000.00 = 0.66666... -> 0.6667.
    expect(capUtilization({ limit: 5_000_000_000n, exposure: 10_000_000_000n }, cap)).toBe('0.6667');
    // 150,000,000.01 / 150,000,000.00 = 1.0000000000667 -> 1.0000, yet over the cap: overCap is the test.
    const justOver = { limit: 15_000_000_001n, exposure: 0n };
    expect(capUtilization(justOver, cap)).toBe('1.0000');
    expect(overCap(justOver, cap)).toEqual(['limit']);
  });
});
