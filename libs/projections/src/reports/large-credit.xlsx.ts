import type ExcelJS from 'exceljs';
import {
  LargeCreditReport,
  MEMBER_COLUMNS,
  MEMBER_HEADERS,
  MONEY_COLUMNS,
  REPORT_COLUMNS,
  REPORT_HEADERS,
  ReportMember,
  ReportRow,
  ReportUnit,
} from '../large-credit.port';
import { SheetColumn, UNIT_NAMES, addDifferencesSheet, addTableSheet, newWorkbook, withThousands } from './report-workbook';

export { FLAG_TEXT, MONEY_FORMAT, RATIO_FORMAT } from './report-workbook';

/** Column widths in characters, chosen so the 16 columns fit an A4 landscape page at a readable scale (money: 15). */
const WIDTHS: Partial<Record<keyof ReportRow, number>> = {
  rank: 6,
  subjectType: 12,
  groupId: 10,
  customerId: 10,
  name: 26,
  creditCode: 21,
  memberCount: 12,
  ratio: 13,
  carriedForward: 14,
  leadBranch: 10,
  inBreach: 8,
};

const SHEET_COLUMNS: readonly SheetColumn[] = REPORT_COLUMNS.map((key) => ({
  key,
  ...(REPORT_HEADERS.get(key) as { zh: string; en: string }),
  kind: (MONEY_COLUMNS as readonly string[]).includes(key) ? 'money' : key === 'ratio' ? 'ratio' : 'other',
  width: WIDTHS[key],
}));

const MEMBER_WIDTHS = [12, 14, 40, 24];



/**
 * Title row, a subtitle with the date, net capital, unit and filing, the header row, then one typed row per
 * subject: amounts and ratios are number cells (thousands separators), flags 是/否.
 */
function addReportSheet(workbook: ExcelJS.Workbook, name: string, subtitle: string, rows: readonly ReportRow[]): void {
  addTableSheet(workbook, { name, title: '客户大额授信统计表 Large credit report', subtitle, columns: SHEET_COLUMNS, rows });
}

/** Each group's members with their credit codes, printed like the report. */
function addMembersSheet(workbook: ExcelJS.Workbook, asOf: string, members: readonly ReportMember[]): void {
  addTableSheet(workbook, {
    name: 'Group members',
    title: '集团客户成员名单 Group client members',
    subtitle: `报表日期 As of ${asOf}; 每个集团客户的成员及其统一社会信用代码 every group's members and their credit codes`,
    columns: MEMBER_COLUMNS.map((key, index) => ({ key, ...(MEMBER_HEADERS.get(key) as { zh: string; en: string }), kind: 'other', width: MEMBER_WIDTHS[index] })),
    rows: members,
  });
}

function capitalOf(netCapital: string | null, unit: ReportUnit): string {
  if (netCapital === null) return '资本净额未申报 no net capital declared';
  return `资本净额 net capital ${withThousands(netCapital)} ${UNIT_NAMES[unit]}`;
}

/** The subtitle: report date, net capital, unit, and the filing (and restatement) when filed. */
export function subtitleOf(report: Pick<LargeCreditReport, 'asOf' | 'netCapital' | 'unit' | 'filing' | 'restated'>): string {
  const filing = report.filing
    ? `; 已报送 filed ${report.filing.filedAt} by ${report.filing.filedBy}${report.restated ? '; 已重述 RESTATED since filing: see the Current sheet' : ''}`
    : '';
  return `报表日期 as of ${report.asOf}; ${capitalOf(report.netCapital, report.unit)}; 金额单位 amounts in ${UNIT_NAMES[report.unit]}${filing}`;
}

/**
 * The report as an Excel workbook a regulator can print as it is: the report sheet, then the groups' members; a
 * restated filing adds the current rows and the differences.
 */
export async function largeCreditWorkbook(report: LargeCreditReport): Promise<Buffer> {
  const workbook = await newWorkbook();
  addReportSheet(workbook, `Large credit ${report.asOf}`, subtitleOf(report), report.rows);
  if (report.restated && report.current) {
    const current = { ...report, netCapital: report.current.netCapital, filing: null, restated: false };
    addReportSheet(workbook, `Current ${report.asOf}`, `现行数据 as the log says now; ${subtitleOf(current)}`, report.current.rows);
  }
  addMembersSheet(workbook, report.asOf, report.members);
  if (report.restated && report.current) addDifferencesSheet(workbook, report.differences ?? []);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
