import type { FiledLargeExposureRow } from '@groupcap/domain';
import type { ReportDifference, ReportFiling, ReportUnit } from './large-credit.port';

/** The G14 form is in wan (万元); yuan (exact) on request. */
export type G14Unit = ReportUnit;

/**
 * The G14 large-exposure report (大额风险暴露统计表, domain.md section 8) as the API and CLI ask for it: every client
 * and connected group whose 2018 exposure reaches largeExposureRatio of tier-1 net capital, ranked by exposure.
 * Money is a decimal string in the report's unit (default wan: 2 decimals, half-up, as on the regulator's forms);
 * ratios are decimal strings with 4 decimals.
 */

/**
 * The subject of a row: a client (grouped or not: the 2018 single-client measure), or a connected group the 2018
 * rules join (a group client, widened by economic dependence; or clients joined by economic dependence alone),
 * named by its anchor, its smallest member id (domain caps/cap.events.ts ConnectedGroupSubject).
 */
export type G14SubjectType = FiledLargeExposureRow['subjectType'];

/** One row as filed (the domain's shape, large-exposures/large-exposure.filing.ts): amounts in yuan, exact. */
export type FiledG14Row = FiledLargeExposureRow;

/** A row as the API, CSV and xlsx show it: the filed shape, amounts in the report's unit. */
export type G14Row = FiledG14Row;

export const G14_COLUMNS: ReadonlyArray<keyof G14Row> = [
  'rank',
  'subjectType',
  'subjectId',
  'name',
  'interbank',
  'memberCount',
  'members',
  'creditCodes',
  'exposureBeforeMitigation',
  'exposureAfterMitigation',
  'ratio',
  'exempt',
  'inBreach',
];

export const G14_MONEY_COLUMNS: ReadonlyArray<keyof FiledG14Row> = ['exposureBeforeMitigation', 'exposureAfterMitigation'];

/** The columns a filing freezes and a restatement compares (the identity of a row is subjectType and subjectId). */
export const G14_COMPARED: ReadonlyArray<keyof FiledG14Row & string> = [
  'rank',
  'name',
  'interbank',
  'memberCount',
  'members',
  'creditCodes',
  'exposureBeforeMitigation',
  'exposureAfterMitigation',
  'ratio',
  'exempt',
  'inBreach',
];

/** Column headers: the G14 form's Chinese name with the JSON field name beside it. */
export const G14_HEADERS: ReadonlyMap<keyof G14Row, { zh: string; en: string }> = new Map<keyof G14Row, { zh: string; en: string }>([
  ['rank', { zh: '排名', en: 'rank' }],
  ['subjectType', { zh: '客户类型', en: 'subjectType' }],
  ['subjectId', { zh: '客户编号', en: 'subjectId' }],
  ['name', { zh: '客户名称', en: 'name' }],
  ['interbank', { zh: '同业客户', en: 'interbank' }],
  ['memberCount', { zh: '成员户数', en: 'memberCount' }],
  ['members', { zh: '成员客户编号', en: 'members' }],
  ['creditCodes', { zh: '统一社会信用代码', en: 'creditCodes' }],
  ['exposureBeforeMitigation', { zh: '风险缓释前风险暴露', en: 'exposureBeforeMitigation' }],
  ['exposureAfterMitigation', { zh: '风险缓释后风险暴露', en: 'exposureAfterMitigation' }],
  ['ratio', { zh: '占一级资本净额比例', en: 'ratio' }],
  ['exempt', { zh: '豁免', en: 'exempt' }],
  ['inBreach', { zh: '是否超限', en: 'inBreach' }],
]);

/** Why a report has no rows although the log has credit: no tier-1 net capital in force on the date. */
export const TIER1_NOT_DECLARED = 'TIER1_NET_CAPITAL_NOT_DECLARED';

export interface G14Query {
  /** Business date YYYY-MM-DD; default today. */
  asOf?: string;
  /** Default wan (万元), as the G14 form; yuan is exact. */
  unit?: G14Unit;
}

/** The report-level figures a filing freezes (yuan). */
export interface G14Figures {
  /** Tier-1 net capital in force on asOf, null while none is declared (then there are no rows). */
  tier1NetCapital: string | null;
  /** largeExposureRatio in force on asOf. */
  largeExposureRatio: string;
  /** largeExposureRatio x tier-1 net capital: a subject whose exposure reaches it is listed; null with no tier-1. */
  threshold: string | null;
}

export interface G14Report extends G14Figures {
  asOf: string;
  unit: G14Unit;
  /** null, or TIER1_NET_CAPITAL_NOT_DECLARED: the 2018 measures are not checked and the report is empty. */
  reason: typeof TIER1_NOT_DECLARED | null;
  rows: G14Row[];
  filing: ReportFiling | null;
  restated: boolean;
  current?: G14Figures & { rows: G14Row[] };
  differences?: ReportDifference[];
}

/** What a filing freezes: the figures and every row, in yuan. */
export interface FilableG14Report extends G14Figures {
  asOf: string;
  rows: FiledG14Row[];
}

/**
 * Asynchronous: at a bank's scale the report is measured on the whole book as of its date, tens of seconds that the
 * API's projection computes on its keeping thread, so that commands and other reads go on meanwhile.
 */
export interface G14Reports {
  largeExposureReport(query: G14Query): Promise<G14Report>;
  /** The report as the log says now, to be frozen by the FileG14Report command. */
  largeExposureReportForFiling(asOf: string): Promise<FilableG14Report>;
}

export const G14_REPORTS = Symbol('G14_REPORTS');

export function isG14Reports(value: unknown): value is G14Reports {
  const candidate = value as Partial<G14Reports> | null;
  return typeof candidate?.largeExposureReport === 'function' && typeof candidate.largeExposureReportForFiling === 'function';
}
