import { LargeCreditReport, ReportMember, ReportRow } from '../large-credit.port';
import { ensurePrintTools, pageText, pdfInfo, xlsxToPdf } from '../testing/print-pdf';
import { largeCreditWorkbook } from './large-credit.xlsx';

/**
 * The xlsx as a regulator prints it: converted to PDF by LibreOffice headless (installed by
 * scripts/ensure-libreoffice.sh when missing), then read back page by page with poppler's pdftotext.
 * 70 rows in wan do not fit one page, so the repeated title and header rows can be seen on every page.
 */
const tools = ensurePrintTools();
const describePrinted = tools.ok ? describe : describe.skip;
if (!tools.ok) {
  console.warn(`SKIPPED the printed-report test: LibreOffice could not be installed (${tools.why}); run scripts/ensure-libreoffice.sh`);
}

const ROWS = 70;

function row(rank: number): ReportRow {
  const group = rank % 3 === 1;
  // Limits fall by 10 wan a rank from 9,876,543.21 wan: rank 1 "9,876,543.21", rank 70 "9,875,853.21".
  const limit = (987654321n - BigInt(rank - 1) * 1000n).toString();
  const wan = `${limit.slice(0, -2)}.${limit.slice(-2)}`;
  return {
    rank,
    subjectType: group ? 'group' : 'customer',
    groupId: group ? `G${String(rank).padStart(6, '0')}` : null,
    customerId: group ? null : `C-${rank}`,
    name: group ? `华夏控股集团${rank}` : `昆仑科技有限公司${rank}`,
    creditCode: group ? null : '91440000MA0000003B',
    memberCount: group ? 3 : 1,
    comprehensiveLimit: wan,
    onBalance: '1234.57',
    offBalance: '600.00',
    outstanding: '1834.57',
    exposure: '1500.00',
    ratio: '0.0650',
    carriedForward: rank === 2,
    leadBranch: '北京分行',
    inBreach: rank === 1,
  };
}

const rows = Array.from({ length: ROWS }, (_, k) => row(k + 1));
const members: ReportMember[] = rows
  .filter((r) => r.groupId !== null)
  .flatMap((r) => ['A', 'B', 'C'].map((m) => ({ groupId: r.groupId as string, customerId: `${r.groupId}-${m}`, name: `${r.name}${m}公司`, creditCode: '91310000MA00000025' })));

const report: LargeCreditReport = { asOf: '2025-12-31', netCapital: '100000.00', unit: 'wan', rows, members, filing: null, restated: false };

describePrinted('the large-credit xlsx printed to PDF by LibreOffice', () => {
  let pdf: string;
  let pages: string[];

  beforeAll(async () => {
    pdf = xlsxToPdf(await largeCreditWorkbook(report), 'large-credit-2025-12-31-wan');
    const { pages: count } = pdfInfo(pdf);
    pages = Array.from({ length: count }, (_, k) => pageText(pdf, k + 1));
  }, 180_000);

  it('prints on A4 landscape', () => {
    // A4 is 595.276 x 841.89 pt; landscape puts the long side across.
    expect(pdfInfo(pdf).pageSize).toMatch(/^841\.89 x 595\.\d+ pts \(A4\)$/);
  });

  it('fits every column in the page width: the last column is on the first page', () => {
    expect(pages[0]).toContain('是否超限');
    expect(pages[0]).toContain('inBreach');
    expect(pages[0]).toContain('统一社会信用代码');
  });

  it('repeats the title and the header row on every page of the report, and prints the title whole', () => {
    const reportPages = pages.filter((text) => text.includes('客户大额授信统计表'));
    expect(reportPages.length).toBeGreaterThanOrEqual(2);
    for (const text of reportPages) {
      expect(text).toContain('客户大额授信统计表 Large credit report');
      expect(text).toContain('最高综合授信额度');
      expect(text).toContain('comprehensiveLimit');
    }
    expect(pages[0]).toContain('资本净额 net capital 100,000.00 万元 wan');
  });

  it('prints amounts as numbers with thousands separators and 2 decimals', () => {
    // Rank 1: 9,876,543.21 wan; every row 1,234.57 on balance.
    expect(pages[0]).toContain('9,876,543.21');
    expect(pages[0]).toContain('1,234.57');
    const reportText = pages.filter((text) => text.includes('客户大额授信统计表')).join('\n');
    // The last rank: 987,654,321 - 69,000 = 987,585,321 hundredths = 9,875,853.21.
    expect(reportText).toContain('9,875,853.21');
  });

  it('prints the group members with their credit codes after the report', () => {
    const memberPages = pages.filter((text) => text.includes('集团客户成员名单'));
    expect(memberPages.length).toBeGreaterThanOrEqual(1);
    expect(memberPages[0]).toContain('统一社会信用代码');
    expect(memberPages[0]).toContain('91310000MA00000025');
    expect(memberPages[0]).toContain('G000001-A');
  });
});
