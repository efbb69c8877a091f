/** One row of the large-credit statistical report (客户大额授信统计表), frozen as filed. */
export interface FiledReportRow {
  rank: number;
  subjectType: 'group' | 'customer';
  groupId: string | null;
  customerId: string | null;
  name: string;
  memberCount: number;
  /** Maximum comprehensive credit limit (最高综合授信额度), not the exposure. */
  comprehensiveLimit: string;
  /** Nominal outstanding on on-balance-sheet products. */
  onBalance: string;
  /** Nominal outstanding on off-balance-sheet products. */
  offBalance: string;
  outstanding: string;
  exposure: string;
  /** comprehensiveLimit / net capital in force on the report date; null while none is declared. */
  ratio: string | null;
  /** True when an expired limit awaiting its renewal is reported at its previous amount. */
  carriedForward: boolean;
  leadBranch: string | null;
  inBreach: boolean;
}

export type ReportEvent = {
  type: 'LargeCreditReportFiled';
  data: { asOf: string; netCapital: string | null; rows: FiledReportRow[] };
};
