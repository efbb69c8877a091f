import { G14_COLUMNS, G14_HEADERS, G14_MONEY_COLUMNS, G14Report, G14Row } from '../large-exposure.port';
import { SheetColumn, UNIT_NAMES, addDifferencesSheet, addTableSheet, newWorkbook, withThousands } from './report-workbook';

const WIDTHS: Partial<Record<keyof G14Row, number>> = {
  rank: 6,
  subjectType: 14,
  subjectId: 12,
  name: 26,
  interbank: 8,
  memberCount: 8,
  members: 20,
  creditCodes: 22,
  ratio: 12,
  exempt: 8,
  inBreach: 8,
};

const SHEET_COLUMNS: readonly SheetColumn[] = G14_COLUMNS.map((key) => ({
  key,
  ...(G14_HEADERS.get(key) as { zh: string; en: string }),
  kind: (G14_MONEY_COLUMNS as readonly string[]).includes(key) ? 'money' : key === 'ratio' ? 'ratio' : 'other',
  width: WIDTHS[key],
}));

/** Lists (members, credit codes) one per line in their cell; an empty list an empty cell. */
const lines = (list: readonly string[]) => (list.length === 0 ? null : list.join('\n'));
const asSheetRow = (row: G14Row) => ({ ...row, members: lines(row.members), creditCodes: lines(row.creditCodes) });

/** The subtitle: date, tier-1 net capital, the threshold, the unit, and the filing (and restatement) when filed. */
export function largeExposureSubtitle(report: Pick<G14Report, 'asOf' | 'tier1NetCapital' | 'threshold' | 'largeExposureRatio' | 'unit' | 'filing' | 'restated'>): string {
  const unit = UNIT_NAMES[report.unit];
  const capital =
    report.tier1NetCapital === null
      ? '一级资本净额未申报 no tier-1 net capital declared: the 2018 measures are not checked'
      : `一级资本净额 tier-1 net capital ${withThousands(report.tier1NetCapital)} ${unit}; 大额风险暴露标准 threshold ${report.largeExposureRatio} = ${withThousands(report.threshold as string)} ${unit}`;
  const filing = report.filing
    ? `; 已报送 filed ${report.filing.filedAt} by ${report.filing.filedBy}${report.restated ? '; 已重述 RESTATED since filing: see the Current sheet' : ''}`
    : '';
  return `报表日期 as of ${report.asOf}; ${capital}; 金额单位 amounts in ${unit}${filing}`;
}

/** The G14 report as a workbook printed like the large-credit one; a restated filing adds Current and Differences. */
export async function largeExposureWorkbook(report: G14Report): Promise<Buffer> {
  const workbook = await newWorkbook();
  const title = '大额风险暴露统计表 (G14) Large exposure report';
  addTableSheet(workbook, { name: `Large exposure ${report.asOf}`, title, subtitle: largeExposureSubtitle(report), columns: SHEET_COLUMNS, rows: report.rows.map(asSheetRow) });
  if (report.restated && report.current) {
    const current = { ...report, ...report.current, filing: null, restated: false };
    addTableSheet(workbook, {
      name: `Current ${report.asOf}`,
      title,
      subtitle: `现行数据 as the log says now; ${largeExposureSubtitle(current)}`,
      columns: SHEET_COLUMNS,
      rows: report.current.rows.map(asSheetRow),
    });
    addDifferencesSheet(workbook, report.differences ?? []);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
