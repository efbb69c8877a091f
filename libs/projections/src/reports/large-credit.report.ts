import { BusinessDate, FiledReportRow, formatMoney } from '@groupcap/domain';
import { FiledReportRow as StoredFiledReport } from '../as-of/as-of.queries';
import { FilableLargeCreditReport, LargeCreditQuery, LargeCreditReport } from '../large-credit.port';
import { CurrentLargeCreditRows } from './large-credit.kept';
import { reportMembers } from './large-credit.members';
import { netCapitalInUnit, presentRows } from './large-credit.present';
import { reportDifferences } from './large-credit.restatement';

/** The current rows as a filing freezes them: net capital formatted, null when none was declared. */
export function filableLargeCreditReport(asOf: BusinessDate, now: CurrentLargeCreditRows): FilableLargeCreditReport {
  return { asOf, netCapital: now.netCapital === undefined ? null : formatMoney(now.netCapital), rows: now.rows };
}

/**
 * The report as asked for (domain.md section 5): the filed one when the date was filed (with the current rows and
 * the differences when back-dated events changed it since: `restated`), else the current one; amounts in the unit
 * asked, rows from the threshold asked. Plain data either way, so the keeping thread can compute it for the main one.
 */
export function largeCreditReportOf(asOf: BusinessDate, now: CurrentLargeCreditRows, filed: StoredFiledReport | undefined, query: LargeCreditQuery): LargeCreditReport {
  const unit = query.unit ?? 'yuan';
  const present = (rows: readonly FiledReportRow[]) => presentRows(rows, { threshold: query.threshold, unit, creditCodeOf: now.creditCodeOf });
  const current = filableLargeCreditReport(asOf, now);
  if (!filed) {
    const rows = present(current.rows);
    return { asOf, netCapital: netCapitalInUnit(current.netCapital, unit), unit, rows, members: reportMembers(now.membersOf, rows), filing: null, restated: false };
  }
  const filedRows = JSON.parse(filed.rows) as FiledReportRow[];
  const differences = reportDifferences({ netCapital: filed.net_capital, rows: filedRows }, current);
  const rows = present(filedRows);
  const report: LargeCreditReport = {
    asOf,
    netCapital: netCapitalInUnit(filed.net_capital, unit),
    unit,
    rows,
    members: [],
    filing: { position: filed.position.toString(), filedAt: filed.filed_at, filedBy: filed.filed_by },
    restated: differences.length > 0,
  };
  let shown = rows;
  if (report.restated) {
    const currentRows = present(current.rows);
    report.current = { netCapital: netCapitalInUnit(current.netCapital, unit), rows: currentRows };
    report.differences = differences;
    shown = [...rows, ...currentRows];
  }
  report.members = reportMembers(now.membersOf, shown);
  return report;
}
