import type { FiledReportRow } from '@groupcap/domain';

/**
 * The large-credit statistical report (客户大额授信统计表, domain.md section 5) as the API and CLI ask for it.
 * Money is a decimal string in the report's unit; ratios are decimal strings with 4 decimals.
 */
export type ReportUnit = 'yuan' | 'wan';

export const REPORT_UNITS: readonly ReportUnit[] = ['yuan', 'wan'];

/** One group client or standalone customer with credit on the report date (the domain's filed-row shape). */
export type ReportRow = FiledReportRow;

export const REPORT_COLUMNS: ReadonlyArray<keyof ReportRow> = [
  'rank',
  'subjectType',
  'groupId',
  'customerId',
  'name',
  'memberCount',
  'comprehensiveLimit',
  'onBalance',
  'offBalance',
  'outstanding',
  'exposure',
  'ratio',
  'carriedForward',
  'leadBranch',
  'inBreach',
];

export const MONEY_COLUMNS: ReadonlyArray<keyof ReportRow> = ['comprehensiveLimit', 'onBalance', 'offBalance', 'outstanding', 'exposure'];

export interface LargeCreditQuery {
  /** Business date YYYY-MM-DD; default today. */
  asOf?: string;
  /** In the report's unit (yuan, or wan with unit=wan), at most 2 decimals: only rows whose comprehensive limit reaches it. */
  threshold?: string;
  /** Default yuan; wan = 10,000 yuan, as in the regulator's forms. */
  unit?: ReportUnit;
}

/** One field of one subject that differs between the filed report and what the log says now. */
export interface ReportDifference {
  /** "group:G000001", "customer:C1", or "report" for the net capital. */
  subject: string;
  field: string;
  filed: string | number | boolean | null;
  current: string | number | boolean | null;
}

export interface ReportFiling {
  /** Log position of the LargeCreditReportFiled event. */
  position: string;
  filedAt: string;
  filedBy: string;
}

export interface LargeCreditReport {
  asOf: string;
  /** Net capital in force on asOf (yuan, whatever the unit), null while none is declared. */
  netCapital: string | null;
  unit: ReportUnit;
  /** The filed rows when the date was filed, else the rows as the log says now. */
  rows: ReportRow[];
  /** Set when this date was filed: the report is then frozen. */
  filing: ReportFiling | null;
  /** True when back-dated events changed the report since it was filed. */
  restated: boolean;
  /** When restated: the report as the log says now, and what differs (compared in yuan, before any threshold). */
  current?: { netCapital: string | null; rows: ReportRow[] };
  differences?: ReportDifference[];
}

/** What a filing freezes: every row, in yuan. */
export interface FilableLargeCreditReport {
  asOf: string;
  netCapital: string | null;
  rows: ReportRow[];
}

export interface LargeCreditReports {
  largeCreditReport(query: LargeCreditQuery): LargeCreditReport;
  /** The report as the log says now, to be frozen by the FileLargeCreditReport command. */
  largeCreditReportForFiling(asOf: string): FilableLargeCreditReport;
}

export const LARGE_CREDIT_REPORTS = Symbol('LARGE_CREDIT_REPORTS');

export function isLargeCreditReports(value: unknown): value is LargeCreditReports {
  const candidate = value as Partial<LargeCreditReports> | null;
  return typeof candidate?.largeCreditReport === 'function' && typeof candidate.largeCreditReportForFiling === 'function';
}
