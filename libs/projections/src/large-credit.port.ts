import type { FiledReportRow } from '@groupcap/domain';

/**
 * The large-credit statistical report (客户大额授信统计表, domain.md section 5) as the API and CLI ask for it.
 * Money is a decimal string in the report's unit; ratios are decimal strings with 4 decimals.
 */
export type ReportUnit = 'yuan' | 'wan';

export const REPORT_UNITS: readonly ReportUnit[] = ['yuan', 'wan'];

/**
 * One group client or standalone customer with credit on the report date, as the API, CSV and xlsx show it: the
 * domain's filed-row shape (what a filing freezes) plus the unified social credit code of a standalone customer
 * (null for a group: its members' codes are in `members`). A customer's code never changes once registered, so
 * it is looked up when the report is read, filed or not.
 */
export type ReportRow = FiledReportRow & { creditCode: string | null };

export const REPORT_COLUMNS: ReadonlyArray<keyof ReportRow> = [
  'rank',
  'subjectType',
  'groupId',
  'customerId',
  'name',
  'creditCode',
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

/** The columns a filing freezes (every column but the credit code), compared field by field for restatements. */
export const FILED_COLUMNS: ReadonlyArray<keyof FiledReportRow> = REPORT_COLUMNS.filter(
  (column): column is keyof FiledReportRow => column !== 'creditCode',
);

export const MONEY_COLUMNS: ReadonlyArray<keyof FiledReportRow> = ['comprehensiveLimit', 'onBalance', 'offBalance', 'outstanding', 'exposure'];

/**
 * Column headers of the CSV and xlsx: the form's Chinese name (客户大额授信统计表, domain.md section 5) with the
 * English beside it, which is the JSON field name, so a program can still find each column by its last word.
 */
export const REPORT_HEADERS: ReadonlyMap<keyof ReportRow, { zh: string; en: string }> = new Map<keyof ReportRow, { zh: string; en: string }>([
  ['rank', { zh: '排名', en: 'rank' }],
  ['subjectType', { zh: '客户类型', en: 'subjectType' }],
  ['groupId', { zh: '集团编号', en: 'groupId' }],
  ['customerId', { zh: '客户编号', en: 'customerId' }],
  ['name', { zh: '客户名称', en: 'name' }],
  ['creditCode', { zh: '统一社会信用代码', en: 'creditCode' }],
  ['memberCount', { zh: '成员户数', en: 'memberCount' }],
  ['comprehensiveLimit', { zh: '最高综合授信额度', en: 'comprehensiveLimit' }],
  ['onBalance', { zh: '其中：表内授信余额', en: 'onBalance' }],
  ['offBalance', { zh: '其中：表外授信余额', en: 'offBalance' }],
  ['outstanding', { zh: '授信余额', en: 'outstanding' }],
  ['exposure', { zh: '扣除保证金后授信余额', en: 'exposure' }],
  ['ratio', { zh: '占资本净额比例', en: 'ratio' }],
  ['carriedForward', { zh: '含结转额度', en: 'carriedForward' }],
  ['leadBranch', { zh: '牵头行', en: 'leadBranch' }],
  ['inBreach', { zh: '是否超限', en: 'inBreach' }],
]);

/** A member of a group client in the report, with its credit code (the xlsx's second sheet, the JSON's `members`). */
export interface ReportMember {
  groupId: string;
  customerId: string;
  name: string;
  creditCode: string | null;
}

export const MEMBER_COLUMNS: ReadonlyArray<keyof ReportMember> = ['groupId', 'customerId', 'name', 'creditCode'];

export const MEMBER_HEADERS: ReadonlyMap<keyof ReportMember, { zh: string; en: string }> = new Map<keyof ReportMember, { zh: string; en: string }>([
  ['groupId', { zh: '集团编号', en: 'groupId' }],
  ['customerId', { zh: '成员客户编号', en: 'customerId' }],
  ['name', { zh: '成员客户名称', en: 'name' }],
  ['creditCode', { zh: '统一社会信用代码', en: 'creditCode' }],
]);

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
  /** Net capital in force on asOf, in the report's unit (wan: 2 decimals, half-up), null while none is declared. */
  netCapital: string | null;
  unit: ReportUnit;
  /** The filed rows when the date was filed, else the rows as the log says now. */
  rows: ReportRow[];
  /**
   * The members of every group in `rows` (and in `current.rows`) on asOf as the log says now, by group id then
   * customer id, each with its credit code.
   */
  members: ReportMember[];
  /** Set when this date was filed: the report is then frozen. */
  filing: ReportFiling | null;
  /** True when back-dated events changed the report since it was filed. */
  restated: boolean;
  /** When restated: the report as the log says now (in the unit), and what differs (compared in yuan, before any threshold). */
  current?: { netCapital: string | null; rows: ReportRow[] };
  differences?: ReportDifference[];
}

/** What a filing freezes: every row, in yuan. */
export interface FilableLargeCreditReport {
  asOf: string;
  netCapital: string | null;
  rows: FiledReportRow[];
}

/** Asynchronous: a date with no kept rows is measured on another thread at a bank's scale (keeping.worker.ts). */
export interface LargeCreditReports {
  largeCreditReport(query: LargeCreditQuery): Promise<LargeCreditReport>;
  /** The report as the log says now, to be frozen by the FileLargeCreditReport command. */
  largeCreditReportForFiling(asOf: string): Promise<FilableLargeCreditReport>;
}

export const LARGE_CREDIT_REPORTS = Symbol('LARGE_CREDIT_REPORTS');

export function isLargeCreditReports(value: unknown): value is LargeCreditReports {
  const candidate = value as Partial<LargeCreditReports> | null;
  return typeof candidate?.largeCreditReport === 'function' && typeof candidate.largeCreditReportForFiling === 'function';
}
