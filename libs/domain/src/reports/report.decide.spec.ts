import { netCapitalDeclared } from '../testing/book.fixtures';
import { ctx, given } from '../testing/book.spec-dsl';

/** Filing freezes the large-credit report of a date in the log, once (domain.md section 5). */
describe('FileLargeCreditReport', () => {
  const file = (asOf: string, netCapital: string | null = '1000000000.00') => ({ type: 'FileLargeCreditReport' as const, asOf, report: { netCapital, rows: [] } });

  it('records the filing', () => {
    given(netCapitalDeclared('1000000000.00'))
      .when(file('2026-03-31'))
      .then([{ type: 'LargeCreditReportFiled', data: { asOf: '2026-03-31', netCapital: '1000000000.00', rows: [] } }]);
  });

  it('refuses a second filing of the same date: REPORT_ALREADY_FILED', () => {
    given(netCapitalDeclared('1000000000.00'), { type: 'LargeCreditReportFiled', data: { asOf: '2026-03-31', netCapital: '1000000000.00', rows: [] } })
      .when(file('2026-03-31'))
      .thenRefused('REPORT_ALREADY_FILED', { asOf: '2026-03-31' });
  });

  it('refuses a report without net capital in force: NET_CAPITAL_NOT_DECLARED', () => {
    given().when(file('2026-03-31', null)).thenRefused('NET_CAPITAL_NOT_DECLARED', { asOf: '2026-03-31' });
  });

  it('refuses a date after today: EFFECTIVE_DATE_IN_FUTURE', () => {
    given(netCapitalDeclared('1000000000.00')).when(file('2026-04-01'), ctx()).thenRefused('EFFECTIVE_DATE_IN_FUTURE', { asOf: '2026-04-01' });
  });
});
