import { FiledReportRow } from '@groupcap/domain';
import { HUAXIA_ROW } from '../testing/report-rows';
import { netCapitalInUnit, presentRows } from './large-credit.present';

const { creditCode: _none, ...GROUP } = HUAXIA_ROW;
const KUNLUN: FiledReportRow = {
  ...GROUP,
  rank: 2,
  subjectType: 'customer',
  groupId: null,
  customerId: 'C-K',
  name: 'Kunlun Tech',
  memberCount: 1,
  comprehensiveLimit: '7000050.00',
  onBalance: '12345.67',
  offBalance: '6987704.33',
  outstanding: '7000050.00',
  exposure: '7000049.99',
};
const codes = new Map([['C-K', '91440000MA0000003B']]);
const creditCodeOf = (id: string) => codes.get(id) ?? null;

describe('presentRows', () => {
  it('rounds each wan figure half-up to 2 decimals on its own, and adds the credit code of a standalone customer', () => {
    const [group, kunlun] = presentRows([GROUP, KUNLUN], { unit: 'wan', creditCodeOf });
    expect(group).toMatchObject({ creditCode: null, comprehensiveLimit: '6500.00' });
    expect(kunlun).toMatchObject({
      creditCode: '91440000MA0000003B',
      // 7,000,050.00 yuan = 700.005 wan: the half rounds up.
      comprehensiveLimit: '700.01',
      // 12,345.67 yuan = 1.234567 wan.
      onBalance: '1.23',
      // 6,987,704.33 yuan = 698.770433 wan. 1.23 + 698.77 = 700.00, not 700.01: each figure is rounded on its own.
      offBalance: '698.77',
      outstanding: '700.01',
      // 7,000,049.99 yuan = 700.004999 wan: below the half.
      exposure: '700.00',
    });
  });

  it('keeps yuan exact and compares a wan threshold with the unrounded limit', () => {
    expect(presentRows([KUNLUN], { unit: 'yuan', creditCodeOf })[0]).toMatchObject({ comprehensiveLimit: '7000050.00', onBalance: '12345.67' });
    // 700.01 wan = 7,000,100.00 yuan > 7,000,050.00: left out although the limit shows as 700.01 wan.
    expect(presentRows([KUNLUN], { unit: 'wan', threshold: '700.01', creditCodeOf })).toEqual([]);
  });

  it('gives net capital in the unit', () => {
    // 1,234,567,890.12 yuan = 123,456.789012 wan.
    expect(netCapitalInUnit('1234567890.12', 'wan')).toBe('123456.79');
    expect(netCapitalInUnit('1234567890.12', 'yuan')).toBe('1234567890.12');
    expect(netCapitalInUnit(null, 'wan')).toBeNull();
  });
});
