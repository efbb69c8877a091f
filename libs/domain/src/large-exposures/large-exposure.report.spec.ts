import { given } from '../testing/book.spec-dsl';
import { controlledPair, customerRegistered, customers, drawdownBooked, limitGranted, netCapitalDeclared, policyChanged, relationRecorded } from '../testing/book.fixtures';
import { BookEvent } from '../book/book.events';
import { largeExposureRows } from './large-exposure.report';
import { connectedClientsOn } from './connected-group';

/**
 * The G14 rows (domain.md section 8). Net capital 1,000,000,000.00, tier-1 400,000,000.00:
 * threshold 2.5% x 400,000,000.00 = 10,000,000.00; caps: single 15% = 60,000,000.00, loans 10% of net capital =
 * 100,000,000.00, connected group 20% = 80,000,000.00, interbank 25% = 100,000,000.00.
 * P controls Q (group client G000001); Q and R are tied by economic dependence: connected group {P, Q, R}.
 * F is a bank, S the central bank, T a small enterprise.
 */
const book: BookEvent[] = [
  netCapitalDeclared('1000000000.00', '2026-01-01', '400000000.00'),
  ...customers('P', 'Q', 'R', 'T'),
  customerRegistered('F', 'financial-institution'),
  customerRegistered('S', 'sovereign'),
  ...controlledPair('G000001', 'P', 'Q'),
  relationRecorded('Q~R', 'Q', 'R', 'economic-dependence'),
  policyChanged({ ccf: [{ product: 'guarantee', factor: '0.5' }] }),
  limitGranted('LP', 'P', '100000000.00'),
  limitGranted('LQ', 'Q', '50000000.00'),
  limitGranted('LR', 'R', '50000000.00'),
  limitGranted('LT', 'T', '50000000.00'),
  limitGranted('LF', 'F', '90000000.00'),
  limitGranted('LS', 'S', '90000000.00'),
  // P: loan 50,000,000.00 + guarantee 20,000,000.00 x 0.5 = 10,000,000.00 less margin 4,000,000.00 = 6,000,000.00.
  //    Before mitigation 60,000,000.00, after 56,000,000.00.
  drawdownBooked('DP1', 'LP', 'P', '50000000.00'),
  drawdownBooked('DP2', 'LP', 'P', '20000000.00', { product: 'guarantee', margin: '4000000.00', exposure: '16000000.00' }),
  // Q: acceptance 8,000,000.00 at CCF 1.00 = 8,000,000.00, no margin: below the threshold alone.
  drawdownBooked('DQ1', 'LQ', 'Q', '8000000.00', { product: 'acceptance' }),
  // R: loan 20,000,000.00.
  drawdownBooked('DR1', 'LR', 'R', '20000000.00'),
  // T: loan 9,999,999.99: just under the threshold.
  drawdownBooked('DT1', 'LT', 'T', '9999999.99'),
  // F: interbank 30,000,000.00. S: loan 90,000,000.00.
  drawdownBooked('DF1', 'LF', 'F', '30000000.00', { product: 'interbank' }),
  drawdownBooked('DS1', 'LS', 'S', '90000000.00'),
];

const member = (customerId: string) => ({ customerId, name: `${customerId} Ltd`, creditCode: null });

describe('the G14 large-exposure rows', () => {
  const state = given(book).state;

  it('joins a group client and its economic dependants into one connected group', () => {
    expect(connectedClientsOn(state, 'R', '2026-03-31')).toEqual(['P', 'Q', 'R']);
    // A sovereign joins nothing, a standalone client is alone.
    expect(connectedClientsOn(state, 'S', '2026-03-31')).toEqual(['S']);
    expect(connectedClientsOn(state, 'T', '2026-03-31')).toEqual(['T']);
  });

  it('lists every client and connected group reaching 2.5% of tier-1, ranked by exposure, with the ratio to tier-1', () => {
    // Connected group {P, Q, R}: 56,000,000.00 + 8,000,000.00 + 20,000,000.00 = 84,000,000.00 (before mitigation
    // 60,000,000.00 + 8,000,000.00 + 20,000,000.00 = 88,000,000.00) > 80,000,000.00: in breach; 84/400 = 0.2100.
    // S 90,000,000.00: exempt, 0.2250. P 56,000,000.00 <= 60,000,000.00: 0.1400. F 30,000,000.00: interbank, 0.0750.
    // R 20,000,000.00: 0.0500. Q 8,000,000.00 and T 9,999,999.99 are under 10,000,000.00: not listed alone.
    const report = largeExposureRows(state, '2026-03-31');
    expect(report.tier1NetCapital).toBe(40_000_000_000n);
    expect(report.threshold).toBe(1_000_000_000n);
    expect(report.rows).toEqual([
      {
        subjectType: 'customer', customerId: 'S', name: 'S Ltd', members: [member('S')],
        exposureBeforeMitigation: 9_000_000_000n, exposure: 9_000_000_000n, ratio: '0.2250', interbank: false, exempt: true, inBreach: false,
      },
      {
        subjectType: 'connected-group', connectedGroupId: 'P', name: 'P Ltd', members: [member('P'), member('Q'), member('R')],
        exposureBeforeMitigation: 8_800_000_000n, exposure: 8_400_000_000n, ratio: '0.2100', interbank: false, exempt: false, inBreach: true,
      },
      {
        subjectType: 'customer', customerId: 'P', name: 'P Ltd', members: [member('P')],
        exposureBeforeMitigation: 6_000_000_000n, exposure: 5_600_000_000n, ratio: '0.1400', interbank: false, exempt: false, inBreach: false,
      },
      {
        subjectType: 'customer', customerId: 'F', name: 'F Ltd', members: [member('F')],
        exposureBeforeMitigation: 3_000_000_000n, exposure: 3_000_000_000n, ratio: '0.0750', interbank: true, exempt: false, inBreach: false,
      },
      {
        subjectType: 'customer', customerId: 'R', name: 'R Ltd', members: [member('R')],
        exposureBeforeMitigation: 2_000_000_000n, exposure: 2_000_000_000n, ratio: '0.0500', interbank: false, exempt: false, inBreach: false,
      },
    ]);
  });

  it('says the 2018 regime is not measured when no tier-1 net capital is declared on the date', () => {
    expect(largeExposureRows(given(book, netCapitalDeclared('1000000000.00', '2026-02-01')).state, '2026-03-31')).toEqual({ asOf: '2026-03-31', tier1NetCapital: null, threshold: null, rows: [] });
    // Before the 2026-02-01 declaration, the tier-1 of 2026-01-01 is in force.
    expect(largeExposureRows(given(book, netCapitalDeclared('1000000000.00', '2026-02-01')).state, '2026-01-31').tier1NetCapital).toBe(40_000_000_000n);
  });

  it('counts a client reaching the threshold exactly: "reaches" includes equality', () => {
    // T at 10,000,000.00 = 2.5% x 400,000,000.00.
    const rows = largeExposureRows(given(book, drawdownBooked('DT2', 'LT', 'T', '0.01')).state, '2026-03-31').rows;
    expect(rows.find((r) => r.customerId === 'T')?.exposure).toBe(1_000_000_000n);
  });

  it('ranks a sovereign alone: never part of a connected group, even when tied by economic dependence', () => {
    const tied = given(book, relationRecorded('S~T', 'S', 'T', 'economic-dependence')).state;
    expect(connectedClientsOn(tied, 'T', '2026-03-31')).toEqual(['T']);
    expect(largeExposureRows(tied, '2026-03-31').rows.map((r) => r.connectedGroupId ?? r.customerId)).toEqual(['S', 'P', 'P', 'F', 'R']);
  });
});
