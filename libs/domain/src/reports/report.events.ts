/** One row of the large-credit statistical report (客户大额授信统计表), frozen as filed. */
export interface FiledReportRow {
  rank: number;
  subjectType: 'group' | 'customer';
  groupId: string | null;
  customerId: string | null;
  name: string;
  memberCount: number;
  comprehensiveLimit: string;
  onBalance: string;
  offBalance: string;
  outstanding: string;
  exposure: string;
  /** Null when no net capital was in force on the report date. */
  ratio: string | null;
  carriedForward: boolean;
  leadBranch: string | null;
  inBreach: boolean;
}

export type ReportEvent = {
  type: 'LargeCreditReportFiled';
  data: { asOf: string; netCapital: string | null; rows: FiledReportRow[] };
};
