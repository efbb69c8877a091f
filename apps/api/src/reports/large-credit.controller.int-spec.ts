import { INestApplication, Logger } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import ExcelJS from 'exceljs';
import { Role } from '@groupcap/domain';
import { BookProjection, CSV_COLUMNS, ReportRow, csvHeader } from '@groupcap/projections';
import { BookWriter } from '@groupcap/writer';
import { buildReportBook } from '../../../../libs/projections/src/testing/report-scenario';
import { TestBook } from '../../../../libs/projections/src/testing/test-book';
import { mintAccessToken } from '../auth/access-token';
import { AuthModule } from '../auth/auth.module';
import { SubmitBookHandler } from '../commands/submit-book.handler';
import { configureApp } from '../http/configure-app';
import { ApiRuntime } from '../runtime/api-runtime';
import { RuntimeModule } from '../runtime/runtime.module';
import { DtoValidationPipe } from '../validation/dto-validation.pipe';
import { ReportsModule } from './reports.module';

const SECRET = 'reports-test-secret-of-enough-length-for-hs256-0123456789';
const TODAY = '2025-04-10';

/**
 * The report endpoints over HTTP, on the real projection and writer over the book of the report tests
 * (libs/projections/src/testing/report-scenario.ts): 6 rows as of 2025-03-31, the group first at 65,000,000.00.
 */
describe('large-credit report endpoints', () => {
  let book: TestBook;
  let projection: BookProjection;
  let writer: BookWriter;
  let app: INestApplication;
  let url: string;
  const token = (sub: string, ...roles: Role[]) => mintAccessToken(SECRET, sub, roles, 3600);
  const get = (path: string, bearer: string) => fetch(url + path, { headers: { authorization: `Bearer ${bearer}` } });
  const post = (path: string, bearer: string, body: unknown) =>
    fetch(url + path, { method: 'POST', headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  beforeAll(async () => {
    book = await buildReportBook();
    projection = new BookProjection(book.store, { today: () => TODAY });
    writer = new BookWriter(book.store, { today: () => TODAY });
    await Promise.all([projection.start(), writer.start()]);
    const runtime: ApiRuntime = {
      role: 'all',
      store: book.store,
      writer,
      readModels: projection,
      isReady: () => true,
      stop: async () => {
        await writer.stop();
        await projection.stop();
        await book.close();
      },
    };
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot(), RuntimeModule.register(runtime), AuthModule.register(SECRET), ReportsModule.register({ readWaitMs: 2000 })],
      providers: [{ provide: APP_PIPE, useClass: DtoValidationPipe }, SubmitBookHandler],
    }).compile();
    app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });

  afterAll(() => app.close());

  it('answers the regulator in JSON and logs who read what', async () => {
    const audit = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const response = await get('/api/v1/reports/large-credit?asOf=2025-03-31', token('rita', 'regulator'));
    expect(response.status).toBe(200);
    const report = (await response.json()) as { asOf: string; netCapital: string; unit: string; rows: ReportRow[] };
    expect(report).toMatchObject({ asOf: '2025-03-31', netCapital: '1000000000.00', unit: 'yuan', filing: null, restated: false });
    expect(report.rows.map((r) => [r.rank, r.groupId ?? r.customerId, r.comprehensiveLimit])).toEqual([
      [1, 'G000001', '65000000.00'],
      [2, 'C-M', '50000000.00'],
      [3, 'C-N', '50000000.00'],
      [4, 'C-K', '7000000.00'],
      [5, 'C-V', '6000000.00'],
      [6, 'C-W', '2000000.00'],
    ]);
    const line = JSON.parse(String(audit.mock.calls.at(-1)?.[0]));
    expect(line).toMatchObject({ event: 'report-read', userId: 'rita', roles: ['regulator'], report: 'large-credit', asOf: '2025-03-31', format: 'json', rows: 6 });
    audit.mockRestore();
  });

  it('is refused to roles without report access', async () => {
    expect((await get('/api/v1/reports/large-credit?asOf=2025-03-31', token('olivia', 'officer'))).status).toBe(403);
    expect((await fetch(`${url}/api/v1/reports/large-credit`)).status).toBe(401);
  });

  it('applies the unit, to the threshold as well', async () => {
    // 5,000 wan = 50,000,000 yuan: the group (65,000,000), C-M and C-N (50,000,000 each).
    const response = await get('/api/v1/reports/large-credit?asOf=2025-03-31&threshold=5000&unit=wan', token('rick', 'risk'));
    const report = (await response.json()) as { unit: string; netCapital: string; rows: ReportRow[] };
    expect(report.unit).toBe('wan');
    // Net capital too: 1,000,000,000.00 yuan = 100,000.00 wan.
    expect(report.netCapital).toBe('100000.00');
    expect(report.rows.map((r) => r.comprehensiveLimit)).toEqual(['6500.00', '5000.00', '5000.00']);
    // In yuan, 50,000,000 keeps the same three rows.
    const yuan = (await (await get('/api/v1/reports/large-credit?asOf=2025-03-31&threshold=50000000', token('rick', 'risk'))).json()) as { rows: ReportRow[] };
    expect(yuan.rows.map((r) => r.comprehensiveLimit)).toEqual(['65000000.00', '50000000.00', '50000000.00']);
  });

  it('refuses a malformed query', async () => {
    const bearer = token('rita', 'regulator');
    for (const query of ['format=pdf', 'unit=jiao', 'threshold=1e6', 'asOf=2025-02-30']) {
      const response = await get(`/api/v1/reports/large-credit?${query}`, bearer);
      expect([query, response.status]).toEqual([query, 400]);
      expect(((await response.json()) as { code: string }).code).toBe('VALIDATION_FAILED');
    }
  });

  it('downloads CSV', async () => {
    const response = await get('/api/v1/reports/large-credit?asOf=2025-03-31&format=csv', token('rita', 'regulator'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="large-credit-2025-03-31.csv"');
    const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()).split('\r\n');
    expect(lines[0]).toBe(`\uFEFF${CSV_COLUMNS.map(csvHeader).join(',')}`);
    expect(lines[0]).toMatch(/^\uFEFF排名 rank,客户类型 subjectType,集团编号 groupId,客户编号 customerId,客户名称 name,统一社会信用代码 creditCode,/);
    // Not filed (yet): the rows as the log says now.
    expect(lines[1]).toBe('1,group,G000001,,Huaxia Holdings,,3,65000000.00,17000000.00,6000000.00,23000000.00,22000000.00,0.0650,true,BJ,false,current,false,2025-03-31,yuan');
    expect(lines[6]).toBe('6,customer,,C-W,"Wuyi Tea Co., Ltd.",,1,2000000.00,0.00,2000000.00,2000000.00,0.00,0.0020,false,HZ,false,current,false,2025-03-31,yuan');
    expect(lines.slice(7)).toEqual(['']);
  });

  it('downloads an Excel workbook', async () => {
    const response = await get('/api/v1/reports/large-credit?asOf=2025-03-31&format=xlsx&unit=wan', token('rita', 'regulator'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="large-credit-2025-03-31-wan.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await response.arrayBuffer());
    const sheet = workbook.getWorksheet('Large credit 2025-03-31') as ExcelJS.Worksheet;
    // Row 4, after the title, the subtitle and the header; column 8: comprehensiveLimit, after creditCode.
    expect(sheet.getRow(4).getCell(8).value).toBe(6500);
    expect(sheet.rowCount).toBe(3 + 6);
  });

  it('files a date once, then answers the filed rows', async () => {
    expect((await post('/api/v1/reports/large-credit/filings', token('rita', 'regulator'), { asOf: '2025-03-31' })).status).toBe(403);

    const filed = await post('/api/v1/reports/large-credit/filings', token('rick', 'risk'), { asOf: '2025-03-31' });
    expect(filed.status).toBe(201);
    const { position, events } = (await filed.json()) as { position: string; events: Array<{ type: string; asOf: string; rows: ReportRow[] }> };
    expect(events.map((e) => [e.type, e.asOf, e.rows.length])).toEqual([['LargeCreditReportFiled', '2025-03-31', 6]]);

    const report = await get(`/api/v1/reports/large-credit?asOf=2025-03-31&minPosition=${position}`, token('rita', 'regulator'));
    expect(await report.json()).toMatchObject({ filing: { position, filedBy: 'rick' }, restated: false });
    const csv = await (await get('/api/v1/reports/large-credit?asOf=2025-03-31&format=csv', token('rita', 'regulator'))).text();
    const rows = csv.split('\r\n').slice(1, -1);
    expect(rows).toHaveLength(6);
    expect(rows.every((line) => line.endsWith(',filed,false,2025-03-31,yuan'))).toBe(true);

    const again = await post('/api/v1/reports/large-credit/filings', token('rick', 'risk'), { asOf: '2025-03-31' });
    expect(again.status).toBe(409);
    expect(((await again.json()) as { code: string }).code).toBe('REPORT_ALREADY_FILED');
  });

  it('documents the filing as 201 Created in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${url}/docs-json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    const responses = doc.paths['/api/v1/reports/large-credit/filings'].post.responses;
    expect(responses['201']).toBeDefined();
    expect(responses['200']).toBeUndefined();
  });

  it('has nothing to file before net capital is in force', async () => {
    const response = await post('/api/v1/reports/large-credit/filings', token('ada', 'admin'), { asOf: '2024-06-30' });
    expect(response.status).toBe(422);
    expect(((await response.json()) as { code: string }).code).toBe('NET_CAPITAL_NOT_DECLARED');
  });
});
