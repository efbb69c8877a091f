import { rmSync } from 'node:fs';
import { dataDirWithReportBook } from '../testing/report-book';
import { cli } from '../testing/test-shell';

/** The report book: C-HP holds 80% of C-HA (G000001 formed) and 51% of C-HB (joins), both on 2025-01-03. */
describe('history', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await dataDirWithReportBook();
    env = { DATA_DIR: dir, BUSINESS_DATE: '2025-12-31' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const fields = (line: string) => line.split(/ {2,}/);

  it('lists every event about a customer: position, effective date, recorded time, actor, type, summary', async () => {
    const { code, out } = await cli(env, 'history', '--customer', 'C-HB');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines.map((l) => fields(l)[4])).toEqual([
      'CustomerRegistered',
      'RelationRecorded',
      'GroupMemberJoined',
      'LimitGranted',
      'DrawdownBooked',
      'LimitRenewalRequested',
      'LimitApproved',
    ]);
    const [position, effective, recorded, actor, , summary] = fields(lines[6]);
    expect(position).toMatch(/^#\d+$/);
    expect([effective, actor]).toEqual(['2025-04-03', 'approver-1 [approver]']);
    expect(recorded).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(summary).toBe('LHB of C-HB: renewal of 8,000,000.00 until 2025-12-31 approved by approver-1 (requested by officer-1)');
    expect(fields(lines[1])[5]).toBe('R-HB: C-HP -> C-HB equity 51%');
    expect(fields(lines[4])[5]).toBe('DHB1 on LHB (C-HB): trade-finance 2,000,000.00, margin 0.00, exposure 2,000,000.00');
  });

  it('lists a group\'s events and its members\' while they are members, including the link that formed it', async () => {
    const { out } = await cli(env, 'history', '--group', 'G000001');
    const types = out.trim().split('\n').map((l) => fields(l)[4]);
    // R-HA + GroupFormed, R-HB + GroupMemberJoined, LHP/LHA/LHB granted, DHP1/DHA1/DHB1, LHB renewal requested and approved.
    expect(types).toEqual([
      'RelationRecorded',
      'GroupFormed',
      'RelationRecorded',
      'GroupMemberJoined',
      'LimitGranted',
      'LimitGranted',
      'LimitGranted',
      'DrawdownBooked',
      'DrawdownBooked',
      'DrawdownBooked',
      'LimitRenewalRequested',
      'LimitApproved',
    ]);
  });

  it('prints JSON lines with --json', async () => {
    const { out } = await cli(env, 'history', '--customer', 'C-X', '--json');
    const entries = out.trim().split('\n').map((l) => JSON.parse(l));
    expect(entries.map((e) => [e.type, e.effectiveDate])).toEqual([
      ['CustomerRegistered', '2025-01-02'],
      ['LimitGranted', '2025-01-05'],
      ['DrawdownBooked', '2025-01-15'],
      ['RepaymentBooked', '2025-02-20'],
    ]);
    expect(entries[3]).toMatchObject({
      actor: { userId: 'officer-1', roles: ['officer'] },
      version: 1,
      summary: 'DX1 on LX (C-X) repaid 1,000,000.00: outstanding 0.00, exposure 0.00',
      data: { drawdownId: 'DX1', amount: '1000000.00', outstandingAfter: '0.00' },
    });
  });

  it('says when the log never mentions the customer, and wants exactly one of --customer and --group', async () => {
    expect(await cli(env, 'history', '--customer', 'C-NOBODY')).toMatchObject({ code: 1, err: 'customer C-NOBODY does not appear in the log\n' });
    expect((await cli(env, 'history')).code).toBe(2);
    expect((await cli(env, 'history', '--customer', 'C-X', '--group', 'G000001')).err).toBe('error: give exactly one of --customer ID or --group ID\n');
  });
});
