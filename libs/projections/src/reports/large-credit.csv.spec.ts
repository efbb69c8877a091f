import { ReportRow } from '../large-credit.port';
import { largeCreditCsv } from './large-credit.csv';

const GROUP: ReportRow = {
  rank: 1,
  subjectType: 'group',
  groupId: 'G000001',
  customerId: null,
  name: 'Huaxia Holdings',
  memberCount: 3,
  comprehensiveLimit: '65000000.00',
  onBalance: '17000000.00',
  offBalance: '6000000.00',
  outstanding: '23000000.00',
  exposure: '22000000.00',
  ratio: '0.0650',
  carriedForward: true,
  leadBranch: 'BJ',
  inBreach: false,
};

describe('largeCreditCsv', () => {
  it('writes RFC 4180 rows under the JSON column names, quoting where needed', () => {
    const tea: ReportRow = { ...GROUP, rank: 2, subjectType: 'customer', groupId: null, customerId: 'C-W', name: 'Wuyi Tea Co., "Ltd."', memberCount: 1, ratio: null, leadBranch: null, carriedForward: false };
    const csv = largeCreditCsv({ rows: [GROUP, tea] });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'rank,subjectType,groupId,customerId,name,memberCount,comprehensiveLimit,onBalance,offBalance,outstanding,exposure,ratio,carriedForward,leadBranch,inBreach',
      '1,group,G000001,,Huaxia Holdings,3,65000000.00,17000000.00,6000000.00,23000000.00,22000000.00,0.0650,true,BJ,false',
      '2,customer,,C-W,"Wuyi Tea Co., ""Ltd.""",1,65000000.00,17000000.00,6000000.00,23000000.00,22000000.00,,false,,false',
      '',
    ]);
  });

  it('writes the header alone when there is no row', () => {
    expect(largeCreditCsv({ rows: [] }).slice(1).split('\r\n')).toHaveLength(2);
  });
});
