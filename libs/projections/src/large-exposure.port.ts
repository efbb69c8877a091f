import type { ReportDifference, ReportFiling, ReportUnit } from './large-credit.port';

/**
 * The G14 large-exposure report (大额风险暴露统计表, domain.md section 8) as the API and CLI ask for it: every client
 * and connected group whose 2018 exposure reaches largeExposureRatio of tier-1 net capital, ranked by exposure.
 * Money is a decimal string in the report's unit (default wan: 2 decimals, half-up, as on the regulator's forms);
 * ratios are decimal strings with 4 decimals.
 */

/**
 * The subject of a row: a standalone client, a group client (section 1), or a connected group the 2018 rules join
 * (a group client widened by economic dependence, or clients joined by economic dependence alone).
 */
export type LargeExposureSubjectType = 'customer' | 'group' | 'connected-group';

/** One row as filed: amounts in yuan, exact. */
export interface FiledLargeExposureRow {
  rank: number;
  subjectType: LargeExposureSubjectType;
  /** The customer id, the group id, or the connected group's id. */
  subjectId: string;
  name: string;
  /** Interbank (kind financial-institution, Art. 9, its own cap) or not. */
  interbank: boolean;
  memberCount: number;
  /** The customers it aggregates, by id. */
  members: string[];
  /** Exposure before eligible credit risk mitigation: on-balance plus off-balance x CCF. */
  exposureBeforeMitigation: string;
  /** Eligible mitigation deducted (cash margin, pledged deposit certificates, pledged treasury bonds). */
  mitigation: string;
  /** The 2018 exposure: before mitigation less mitigation. */
  exposure: string;
  /** exposure / tier-1 net capital, 4 decimals. */
  ratio: string;
  /** A sovereign (central government, central bank): exempt from the caps, reported as exempt. */
  exempt: boolean;
  /** Over its 2018 cap on the report date by that date's figures and cap. */
  inBreach: boolean;
}

/** A row as the API, CSV and xlsx show it: amounts in the unit, plus the members' unified social credit codes. */
export type LargeExposureRow = FiledLargeExposureRow & { creditCodes: string[] };

export const LARGE_EXPOSURE_COLUMNS: ReadonlyArray<keyof LargeExposureRow> = [
  'rank',
  'subjectType',
  'subjectId',
  'name',
  'interbank',
  'memberCount',
  'members',
  'creditCodes',
  'exposureBeforeMitigation',
  'mitigation',
  'exposure',
  'ratio',
  'exempt',
  'inBreach',
];

export const LARGE_EXPOSURE_MONEY_COLUMNS: ReadonlyArray<keyof FiledLargeExposureRow> = ['exposureBeforeMitigation', 'mitigation', 'exposure'];

/** The columns a filing freezes and a restatement compares (the identity of a row is subjectType and subjectId). */
export const LARGE_EXPOSURE_COMPARED: ReadonlyArray<keyof FiledLargeExposureRow & string> = [
  'rank',
  'name',
  'interbank',
  'memberCount',
  'members',
  'exposureBeforeMitigation',
  'mitigation',
  'exposure',
  'ratio',
  'exempt',
  'inBreach',
];

/** Column headers: the G14 form's Chinese name with the JSON field name beside it. */
export const LARGE_EXPOSURE_HEADERS: ReadonlyMap<keyof LargeExposureRow, { zh: string; en: string }> = new Map<keyof LargeExposureRow, { zh: string; en: string }>([
  ['rank', { zh: '排名', en: 'rank' }],
  ['subjectType', { zh: '客户类型', en: 'subjectType' }],
  ['subjectId', { zh: '客户编号', en: 'subjectId' }],
  ['name', { zh: '客户名称', en: 'name' }],
  ['interbank', { zh: '同业客户', en: 'interbank' }],
  ['memberCount', { zh: '成员户数', en: 'memberCount' }],
  ['members', { zh: '成员客户编号', en: 'members' }],
  ['creditCodes', { zh: '统一社会信用代码', en: 'creditCodes' }],
  ['exposureBeforeMitigation', { zh: '风险缓释前风险暴露', en: 'exposureBeforeMitigation' }],
  ['mitigation', { zh: '合格风险缓释', en: 'mitigation' }],
  ['exposure', { zh: '风险缓释后风险暴露', en: 'exposure' }],
  ['ratio', { zh: '占一级资本净额比例', en: 'ratio' }],
  ['exempt', { zh: '豁免', en: 'exempt' }],
  ['inBreach', { zh: '是否超限', en: 'inBreach' }],
]);

/** Why a report has no rows although the log has credit: no tier-1 net capital in force on the date. */
export const TIER1_NOT_DECLARED = 'TIER1_NET_CAPITAL_NOT_DECLARED';

export interface LargeExposureQuery {
  /** Business date YYYY-MM-DD; default today. */
  asOf?: string;
  /** Default wan (万元), as the G14 form; yuan is exact. */
  unit?: ReportUnit;
}

/** The report-level figures a filing freezes (yuan). */
export interface LargeExposureFigures {
  /** Tier-1 net capital in force on asOf, null while none is declared (then there are no rows). */
  tier1NetCapital: string | null;
  /** largeExposureRatio in force on asOf. */
  largeExposureRatio: string;
  /** largeExposureRatio x tier-1 net capital: a subject whose exposure reaches it is listed; null with no tier-1. */
  threshold: string | null;
}

export interface LargeExposureReport extends LargeExposureFigures {
  asOf: string;
  unit: ReportUnit;
  /** null, or TIER1_NET_CAPITAL_NOT_DECLARED: the 2018 measures are not checked and the report is empty. */
  reason: typeof TIER1_NOT_DECLARED | null;
  rows: LargeExposureRow[];
  filing: ReportFiling | null;
  restated: boolean;
  current?: LargeExposureFigures & { rows: LargeExposureRow[] };
  differences?: ReportDifference[];
}

/** What a filing freezes: the figures and every row, in yuan. */
export interface FilableLargeExposureReport extends LargeExposureFigures {
  asOf: string;
  rows: FiledLargeExposureRow[];
}

export interface LargeExposureReports {
  largeExposureReport(query: LargeExposureQuery): LargeExposureReport;
  /** The report as the log says now, to be frozen by the FileLargeExposureReport command. */
  largeExposureReportForFiling(asOf: string): FilableLargeExposureReport;
}

export const LARGE_EXPOSURE_REPORTS = Symbol('LARGE_EXPOSURE_REPORTS');

export function isLargeExposureReports(value: unknown): value is LargeExposureReports {
  const candidate = value as Partial<LargeExposureReports> | null;
  return typeof candidate?.largeExposureReport === 'function' && typeof candidate.largeExposureReportForFiling === 'function';
}
