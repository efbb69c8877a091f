import { ReportRow } from '../large-credit.port';

/** A group row for the formatting tests (csv, xlsx); its figures are those of the report golden test's first row. */
export const HUAXIA_ROW: ReportRow = {
  rank: 1,
  subjectType: 'group',
  groupId: 'G000001',
  customerId: null,
  name: 'Huaxia Holdings',
  creditCode: null,
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
