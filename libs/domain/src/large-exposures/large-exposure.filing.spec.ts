import { ctx, given } from '../testing/book.spec-dsl';
import { FileLargeExposureReport } from './large-exposure.filing';

/** Filing freezes the G14 report of a date in the log, once (domain.md section 8, filed as in section 5). */
describe('FileLargeExposureReport', () => {
  const declared = { type: 'NetCapitalDeclared' as const, data: { asOf: '2026-01-01', netCapital: '1000000000.00', tier1NetCapital: '400000000.00' } };
  // Tier-1 400,000,000.00 x 0.025 = 10,000,000.00: the threshold the read side computed.
  const file = (asOf: string, tier1NetCapital: string | null = '400000000.00'): FileLargeExposureReport => ({
    type: 'FileLargeExposureReport',
    asOf,
    report: { tier1NetCapital, largeExposureRatio: '0.025', threshold: tier1NetCapital === null ? null : '10000000.00', rows: [] },
  });
  const filed = (asOf: string) => ({ type: 'LargeExposureReportFiled' as const, data: { asOf, tier1NetCapital: '400000000.00', largeExposureRatio: '0.025', threshold: '10000000.00', rows: [] } });

  it('records the filing', () => {
    given(declared).when(file('2026-03-31')).then([filed('2026-03-31')]);
  });

  it('refuses a second filing of the same date: REPORT_ALREADY_FILED', () => {
    given(declared, filed('2026-03-31')).when(file('2026-03-31')).thenRefused('REPORT_ALREADY_FILED', { asOf: '2026-03-31' });
  });

  it('files independently of the large-credit report of the same date', () => {
    const largeCredit = { type: 'LargeCreditReportFiled' as const, data: { asOf: '2026-03-31', netCapital: '1000000000.00', rows: [] } };
    given(declared, largeCredit).when(file('2026-03-31')).then([filed('2026-03-31')]);
  });

  it('refuses a date without tier-1 net capital in force: TIER1_NET_CAPITAL_NOT_DECLARED', () => {
    given(declared).when(file('2026-03-31', null)).thenRefused('TIER1_NET_CAPITAL_NOT_DECLARED', { asOf: '2026-03-31' });
  });

  it('refuses a date after today: EFFECTIVE_DATE_IN_FUTURE', () => {
    given(declared).when(file('2026-04-01'), ctx()).thenRefused('EFFECTIVE_DATE_IN_FUTURE', { asOf: '2026-04-01' });
  });
});
