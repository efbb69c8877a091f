import { FileLargeCreditReport } from '@groupcap/domain';
import { FilableLargeCreditReport } from '../large-credit.port';

/** The command that freezes this report in the log; the domain refuses it when no net capital is in force. */
export function fileLargeCreditReportCommand(report: FilableLargeCreditReport): FileLargeCreditReport {
  return { type: 'FileLargeCreditReport', asOf: report.asOf, report: { netCapital: report.netCapital, rows: report.rows } };
}
