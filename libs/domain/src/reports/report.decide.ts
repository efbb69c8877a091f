import { BookState } from '../book/book.state';
import { BusinessDate } from '../shared/business-date';
import { Refusal, refuse } from '../shared/refusal';
import { FileLargeCreditReport } from './report.commands';
import { ReportEvent } from './report.events';

/** A filed report is immutable: a later difference is a restatement, never a second filing. */
export function decideFileReport(command: FileLargeCreditReport, state: BookState, today: BusinessDate): ReportEvent[] | Refusal {
  if (command.asOf > today) {
    return refuse('EFFECTIVE_DATE_IN_FUTURE', `a report cannot be filed as of ${command.asOf}, after today (${today})`, { asOf: command.asOf, today });
  }
  if (command.report.netCapital === null) {
    // Without net capital there is no cap, no ratio, and no credit could have been granted: nothing to file.
    return refuse('NET_CAPITAL_NOT_DECLARED', `no net capital is in force on ${command.asOf}: there is no report to file`, { asOf: command.asOf });
  }
  if (state.filedReports.has(command.asOf)) {
    return refuse('REPORT_ALREADY_FILED', `the large-credit report as of ${command.asOf} has already been filed`, { asOf: command.asOf });
  }
  return [{ type: 'LargeCreditReportFiled', data: { asOf: command.asOf, netCapital: command.report.netCapital, rows: command.report.rows } }];
}
