import { LargeCreditReport, ReportRow } from '../large-credit.port';
import { largeCreditCsv, neutraliseFormula } from './large-credit.csv';
import { HUAXIA_ROW } from '../testing/report-rows';

const GROUP = HUAXIA_ROW;

/** The form's Chinese name and the JSON field name of each column. */
const HEADER =
  '排名 rank,客户类型 subjectType,集团编号 groupId,客户编号 customerId,客户名称 name,统一社会信用代码 creditCode,成员户数 memberCount,' +
  '最高综合授信额度 comprehensiveLimit,其中：表内授信余额 onBalance,其中：表外授信余额 offBalance,授信余额 outstanding,' +
  '扣除保证金后授信余额 exposure,占资本净额比例 ratio,含结转额度 carriedForward,牵头行 leadBranch,是否超限 inBreach,' +
  '报表 report,已重述 restated,报表日期 asOf,金额单位 unit';

const report = (fields: Partial<LargeCreditReport>): LargeCreditReport => ({
  asOf: '2025-03-31',
  netCapital: '1000000000.00',
  unit: 'yuan',
  rows: [GROUP],
  members: [],
  filing: null,
  restated: false,
  ...fields,
});

const linesOf = (csv: string) => {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  return csv.slice(1).split('\r\n');
};

describe('largeCreditCsv', () => {
  it('writes RFC 4180 rows under Chinese and JSON column names, quoting where needed, each row saying which report it is', () => {
    const tea: ReportRow = { ...GROUP, rank: 2, subjectType: 'customer', groupId: null, customerId: 'C-W', name: 'Wuyi Tea Co., "Ltd."', creditCode: '91350100M000100Y43', memberCount: 1, ratio: null, leadBranch: null, carriedForward: false };
    expect(linesOf(largeCreditCsv(report({ rows: [GROUP, tea] })))).toEqual([
      HEADER,
      '1,group,G000001,,Huaxia Holdings,,3,65000000.00,17000000.00,6000000.00,23000000.00,22000000.00,0.0650,true,BJ,false,current,false,2025-03-31,yuan',
      '2,customer,,C-W,"Wuyi Tea Co., ""Ltd.""",91350100M000100Y43,1,65000000.00,17000000.00,6000000.00,23000000.00,22000000.00,,false,,false,current,false,2025-03-31,yuan',
      '',
    ]);
  });

  it('writes the header alone when there is no row', () => {
    expect(linesOf(largeCreditCsv(report({ rows: [] })))).toEqual([HEADER, '']);
  });

  it('marks the rows of a filed date that back-dated events did not change as filed, not restated', () => {
    const filed = report({ filing: { position: '42', filedAt: '2025-04-01T02:00:00.000Z', filedBy: 'risk-1' } });
    expect(linesOf(largeCreditCsv(filed)).slice(1, -1)).toEqual([
      '1,group,G000001,,Huaxia Holdings,,3,65000000.00,17000000.00,6000000.00,23000000.00,22000000.00,0.0650,true,BJ,false,filed,false,2025-03-31,yuan',
    ]);
  });

  it('after a restatement, gives the filed rows then the current rows, every one flagged restated', () => {
    // Filed: the group and C-K. Since then a back-dated repayment of 1,000,000 lowered the group's outstanding
    // and exposure, and C-K repaid everything after its limit expired: it is no longer in the report.
    const kunlun: ReportRow = { ...GROUP, rank: 2, subjectType: 'customer', groupId: null, customerId: 'C-K', name: 'Kunlun Tech', memberCount: 1, comprehensiveLimit: '7000000.00', onBalance: '7000000.00', offBalance: '0.00', outstanding: '7000000.00', exposure: '7000000.00', ratio: '0.0070', carriedForward: false, leadBranch: 'GZ' };
    const restated = report({
      unit: 'wan',
      rows: [
        { ...GROUP, comprehensiveLimit: '6500.00', onBalance: '1700.00', offBalance: '600.00', outstanding: '2300.00', exposure: '2200.00' },
        { ...kunlun, comprehensiveLimit: '700.00', onBalance: '700.00', offBalance: '0.00', outstanding: '700.00', exposure: '700.00' },
      ],
      filing: { position: '42', filedAt: '2025-04-01T02:00:00.000Z', filedBy: 'risk-1' },
      restated: true,
      current: {
        netCapital: '1000000000.00',
        rows: [{ ...GROUP, comprehensiveLimit: '6500.00', onBalance: '1600.00', offBalance: '600.00', outstanding: '2200.00', exposure: '2100.00' }],
      },
      differences: [],
    });
    expect(linesOf(largeCreditCsv(restated))).toEqual([
      HEADER,
      '1,group,G000001,,Huaxia Holdings,,3,6500.00,1700.00,600.00,2300.00,2200.00,0.0650,true,BJ,false,filed,true,2025-03-31,wan',
      '2,customer,,C-K,Kunlun Tech,,1,700.00,700.00,0.00,700.00,700.00,0.0070,false,GZ,false,filed,true,2025-03-31,wan',
      '1,group,G000001,,Huaxia Holdings,,3,6500.00,1600.00,600.00,2200.00,2100.00,0.0650,true,BJ,false,current,true,2025-03-31,wan',
      '',
    ]);
  });

  it('keeps a text cell that a spreadsheet would run as a formula as text, and never touches amounts', () => {
    const hostile: ReportRow = {
      ...GROUP,
      subjectType: 'customer',
      groupId: null,
      customerId: '@SUM(1+1)',
      name: '=HYPERLINK("http://evil.example","click")',
      creditCode: '-1',
      leadBranch: '+BJ',
      // Not a real figure: shows that a money cell starting with "-" is written as it is.
      exposure: '-1.00',
    };
    const [, line] = linesOf(largeCreditCsv(report({ rows: [hostile] })));
    expect(line).toBe(
      `1,customer,,'@SUM(1+1),"'=HYPERLINK(""http://evil.example"",""click"")",'-1,3,65000000.00,17000000.00,6000000.00,23000000.00,-1.00,0.0650,true,'+BJ,false,current,false,2025-03-31,yuan`,
    );
  });

  it('neutralises exactly the cells that start with = + - @, a tab or a carriage return', () => {
    expect(['=1+2', '+86 21', '-Foo', '@cmd', '\tx', '\rx'].map(neutraliseFormula)).toEqual(["'=1+2", "'+86 21", "'-Foo", "'@cmd", "'\tx", "'\rx"]);
    expect(['Huaxia = Steel', 'A-1', '华夏钢铁', '', "'quoted"].map(neutraliseFormula)).toEqual(['Huaxia = Steel', 'A-1', '华夏钢铁', '', "'quoted"]);
  });
});
