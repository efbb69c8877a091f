import { BookState } from '../book/book.state';
import { BusinessDate } from '../shared/business-date';
import { Refusal, refuse } from '../shared/refusal';

/**
 * Filing the G14 large-exposure report (大额风险暴露统计表, domain.md section 8): as for the large-credit report
 * (section 5), the rows of a date come from the read side and the filing freezes them in the log, once per date;
 * a later difference is a restatement, never a second filing.
 */

/** One G14 row as filed: amounts in yuan, exact. */
export interface FiledLargeExposureRow {
  rank: number;
  subjectType: 'customer' | 'connected-group';
  /** The customer id, or the connected group's anchor (its smallest member id). */
  subjectId: string;
  name: string;
  interbank: boolean;
  memberCount: number;
  members: string[];
  /** The members' unified social credit codes, in member order; those without one left out. */
  creditCodes: string[];
  exposureBeforeMitigation: string;
  exposureAfterMitigation: string;
  /** exposureAfterMitigation / tier-1 net capital, 4 decimals. */
  ratio: string;
  exempt: boolean;
  inBreach: boolean;
}

/** The report-level figures a filing freezes (yuan). */
export interface LargeExposureReportFigures {
  tier1NetCapital: string | null;
  largeExposureRatio: string;
  threshold: string | null;
}

export type FileLargeExposureReport = {
  type: 'FileLargeExposureReport';
  asOf: string;
  report: LargeExposureReportFigures & { rows: FiledLargeExposureRow[] };
};

export type LargeExposureReportEvent = {
  type: 'LargeExposureReportFiled';
  data: { asOf: string; tier1NetCapital: string; largeExposureRatio: string; threshold: string; rows: FiledLargeExposureRow[] };
};

/**
 * Filed G14 dates share the book's filed-report set with the large-credit report's, under their own key: the set
 * travels in every snapshot already, and the two reports of one date are filed independently.
 */
export function filedLargeExposureKey(asOf: BusinessDate): string {
  return `large-exposure:${asOf}`;
}

export function decideFileLargeExposureReport(command: FileLargeExposureReport, state: BookState, today: BusinessDate): LargeExposureReportEvent[] | Refusal {
  if (command.asOf > today) {
    return refuse('EFFECTIVE_DATE_IN_FUTURE', `a report cannot be filed as of ${command.asOf}, after today (${today})`, { asOf: command.asOf, today });
  }
  const { tier1NetCapital, threshold, largeExposureRatio, rows } = command.report;
  if (tier1NetCapital === null || threshold === null) {
    // Without tier-1 net capital the 2018 regime is not measured on the date: there is nothing to file.
    return refuse('TIER1_NET_CAPITAL_NOT_DECLARED', `no tier-1 net capital is in force on ${command.asOf}: there is no G14 report to file`, { asOf: command.asOf });
  }
  if (state.filedReports.has(filedLargeExposureKey(command.asOf))) {
    return refuse('REPORT_ALREADY_FILED', `the G14 large-exposure report as of ${command.asOf} has already been filed`, { asOf: command.asOf });
  }
  return [{ type: 'LargeExposureReportFiled', data: { asOf: command.asOf, tier1NetCapital, largeExposureRatio, threshold, rows } }];
}

export function evolveLargeExposureReport(state: BookState, event: LargeExposureReportEvent): BookState {
  return { ...state, filedReports: state.filedReports.add(filedLargeExposureKey(event.data.asOf)) };
}
