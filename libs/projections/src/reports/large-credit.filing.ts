import { FileLargeCreditReport, FiledReportRow } from '@groupcap/domain';
import { FilableLargeCreditReport } from '../large-credit.port';

/**
 * The command that freezes this report in the log, or undefined when no net capital is in force on its date:
 * then no row has a ratio to file (and, since no grant is possible without net capital, there is no row).
 */
export function fileLargeCreditReportCommand(report: FilableLargeCreditReport): FileLargeCreditReport | undefined {
  if (report.netCapital === null) return undefined;
  const rows: FiledReportRow[] = [];
  for (const row of report.rows) {
    if (row.ratio === null) return undefined;
    rows.push({ ...row, ratio: row.ratio });
  }
  return { type: 'FileLargeCreditReport', asOf: report.asOf, report: { netCapital: report.netCapital, rows } };
}
