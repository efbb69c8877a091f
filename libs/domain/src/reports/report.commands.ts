import { FiledReportRow } from './report.events';

/** The rows come from the read side; filing freezes them in the log (domain.md section 5). */
export type FileLargeCreditReport = {
  type: 'FileLargeCreditReport';
  asOf: string;
  report: { netCapital: string | null; rows: FiledReportRow[] };
};
