import ExcelJS from 'exceljs';
import { G14Report, G14Row, G14_COLUMNS } from '../large-exposure.port';
import { largeExposureWorkbook } from './large-exposure.xlsx';
import { largeExposureCsv } from './large-exposure.csv';

/** testing/g14-scenario.ts's connected group A + B in wan: 9,000.00 before mitigation, 8,000.00 after, 0.2000 of tier-1. */
const GROUP: G14Row = {
  rank: 2,
  subjectType: 'connected-group',
  subjectId: 'A',
  name: 'Anhe Steel',
  interbank: false,
  memberCount: 2,
  members: ['A', 'B'],
  creditCodes: ['91110000MA0000001L'],
  exposureBeforeMitigation: '9000.00',
  exposureAfterMitigation: '8000.00',
  ratio: '0.2000',
  exempt: false,
  inBreach: true,
};
const SOVEREIGN: G14Row = { ...GROUP, rank: 5, subjectType: 'customer', subjectId: 'S', name: '=Ministry', memberCount: 1, members: ['S'], creditCodes: [], exposureBeforeMitigation: '3000.00', exposureAfterMitigation: '3000.00', ratio: '0.0750', exempt: true, inBreach: false };

const report = (fields: Partial<G14Report> = {}): G14Report => ({
  asOf: '2025-03-31',
  unit: 'wan',
  tier1NetCapital: '40000.00',
  largeExposureRatio: '0.025',
  threshold: '1000.00',
  reason: null,
  rows: [GROUP, SOVEREIGN],
  filing: null,
  restated: false,
  ...fields,
});

async function readBack(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

describe('largeExposureWorkbook', () => {
  it('has the G14 title, tier-1 and the threshold in the subtitle, Chinese and English headers, typed cells and 是/否 flags', async () => {
    const workbook = await readBack(await largeExposureWorkbook(report()));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Large exposure 2025-03-31']);
    const sheet = workbook.worksheets[0];
    expect(sheet.getCell('A1').value).toBe('大额风险暴露统计表 (G14) Large exposure report');
    expect(String(sheet.getCell('A2').value)).toContain('一级资本净额 tier-1 net capital 40,000.00 万元 wan');
    expect(String(sheet.getCell('A2').value)).toContain('threshold 0.025 = 1,000.00 万元 wan');
    const column = (name: keyof G14Row) => G14_COLUMNS.indexOf(name) + 1;
    expect(sheet.getRow(3).getCell(column('exposureAfterMitigation')).value).toBe('风险缓释后风险暴露\nexposureAfterMitigation');
    const row = sheet.getRow(4);
    expect(row.getCell(column('exposureAfterMitigation')).value).toBe(8000);
    expect(row.getCell(column('exposureAfterMitigation')).numFmt).toBe('#,##0.00');
    expect(row.getCell(column('ratio')).value).toBe(0.2);
    expect(row.getCell(column('members')).value).toBe('A\nB');
    expect(row.getCell(column('inBreach')).value).toBe('是');
    expect(sheet.getRow(5).getCell(column('exempt')).value).toBe('是');
    expect(sheet.getRow(5).getCell(column('creditCodes')).value).toBeNull();
    expect(sheet.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, printTitlesRow: '1:3' });
  });

  it('says when no tier-1 net capital is declared, and adds Current and Differences to a restated filing', async () => {
    const none = await readBack(await largeExposureWorkbook(report({ tier1NetCapital: null, threshold: null, reason: 'TIER1_NET_CAPITAL_NOT_DECLARED', rows: [] })));
    expect(String(none.worksheets[0].getCell('A2').value)).toContain('no tier-1 net capital declared');
    const restated = report({
      filing: { position: '42', filedAt: '2025-04-01T02:00:00.000Z', filedBy: 'risk-1' },
      restated: true,
      current: { tier1NetCapital: '40000.00', largeExposureRatio: '0.025', threshold: '1000.00', rows: [{ ...GROUP, exposureAfterMitigation: '5500.00' }] },
      differences: [{ subject: 'connected-group:A', field: 'exposureAfterMitigation', filed: '80000000.00', current: '55000000.00' }],
    });
    const workbook = await readBack(await largeExposureWorkbook(restated));
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Large exposure 2025-03-31', 'Current 2025-03-31', 'Differences']);
    expect(String(workbook.worksheets[0].getCell('A2').value)).toContain('RESTATED');
  });
});

describe('largeExposureCsv', () => {
  it('writes the G14 columns under Chinese and JSON names, lists separated by semicolons, text cells neutralised', () => {
    const lines = largeExposureCsv(report()).slice(1).split('\r\n');
    expect(lines[0].split(',').slice(0, 4)).toEqual(['排名 rank', '客户类型 subjectType', '客户编号 subjectId', '客户名称 name']);
    expect(lines[1]).toBe('2,connected-group,A,Anhe Steel,false,2,A;B,91110000MA0000001L,9000.00,8000.00,0.2000,false,true,current,false,2025-03-31,wan');
    // A name starting with = stays text (CSV injection), amounts are never altered.
    expect(lines[2]).toBe("5,customer,S,'=Ministry,false,1,S,,3000.00,3000.00,0.0750,true,false,current,false,2025-03-31,wan");
  });
});
