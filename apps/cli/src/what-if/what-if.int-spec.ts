import { rmSync } from 'node:fs';
import { dataDirWithReportBook, g14BookIn } from '../testing/report-book';
import { cli } from '../testing/test-shell';

/**
 * The report book (libs/projections/src/testing/report-scenario.ts): net capital 1,000,000,000.00; group
 * G000001 = LHP 40,000,000 + LHA 20,000,000 + LHB 5,000,000, all granted 01-05 (LHB renewed to 8,000,000,
 * approved 04-03); standalone LM and LN 50,000,000 (01-05), LK 30,000,000 (to 02-28).
 */
describe('what-if', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await dataDirWithReportBook();
    env = { DATA_DIR: dir, BUSINESS_DATE: '2025-12-31' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints who would be over which cap, by how much and since when, and writes nothing', async () => {
    // Single cap 4% = 40,000,000: C-M and C-N (50,000,000 each) over by 10,000,000 since their grants on 01-05.
    const { code, out } = await cli(env, 'what-if', '--policy', 'singleCustomerCapRatio=0.04');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('What-if as of 2025-12-31: singleCustomerCapRatio 0.04 (log: 0.10). Nothing was written.');
    expect(lines[1]).toBe('2 over their cap (2 only under this scenario; the others are in breach in the log too):');
    expect(lines[3]).toMatch(/^customer C-M +Minjiang Shipping +limit +50,000,000\.00 +40,000,000\.00 +10,000,000\.00 +2025-01-05 +\d+ +no$/);
    expect(lines[4]).toMatch(/^customer C-N +Nanhai Foods +limit +50,000,000\.00 +40,000,000\.00 +10,000,000\.00 +2025-01-05 +\d+ +no$/);
    expect(lines).toHaveLength(5);
  });

  it('dates a group breach from the grant that took it over, and measures it on the as-of date', async () => {
    // Group cap 6% = 60,000,000: LHP + LHA = 60,000,000 is within; LHB (01-05) takes it to 65,000,000.
    // As of 03-31 LHB is carried forward at 5,000,000 (65,000,000: 5,000,000 over); after the approval on 04-03, 8,000,000.
    const march = JSON.parse((await cli(env, 'what-if', '--policy', 'groupCapRatio=0.06', '--as-of', '2025-03-31', '--json')).out);
    expect(march.breaches).toEqual([
      {
        subjectType: 'group',
        groupId: 'G000001',
        customerId: null,
        name: 'Huaxia Holdings',
        basis: 'limit',
        measure: '65000000.00',
        cap: '60000000.00',
        excess: '5000000.00',
        since: '2025-01-05',
        sincePosition: expect.stringMatching(/^\d+$/),
        breachedInLog: false,
      },
    ]);
    expect(march.log).toEqual({ groupCapRatio: '0.15', singleCustomerCapRatio: '0.10', netCapital: '1000000000.00' });
    const yearEnd = JSON.parse((await cli(env, 'what-if', '--policy', 'groupCapRatio=0.06', '--json')).out);
    expect(yearEnd.breaches[0]).toMatchObject({ measure: '68000000.00', excess: '8000000.00', since: '2025-01-05' });
  });

  it('replays another net capital: 400,000,000.00 gives a single cap of 40,000,000.00 and a group cap of 60,000,000.00', async () => {
    const { out } = await cli(env, 'what-if', '--net-capital', '400000000', '--json');
    const who = JSON.parse(out).breaches.map((b: { groupId: string | null; customerId: string | null; excess: string }) => [b.groupId ?? b.customerId, b.excess]);
    expect(who).toEqual([
      ['C-M', '10000000.00'],
      ['C-N', '10000000.00'],
      ['G000001', '8000000.00'],
    ]);
  });

  it('says so when nobody would be over', async () => {
    const { code, out } = await cli(env, 'what-if', '--policy', 'groupCapRatio=0.5');
    expect(code).toBe(0);
    expect(out).toContain('No group or customer would be over its cap.');
  });

  it('refuses a scenario it cannot replay', async () => {
    expect((await cli(env, 'what-if')).err).toContain('error: give --policy and/or --net-capital: the scenario to replay');
    expect((await cli(env, 'what-if', '--policy', 'groupCapRatio=0')).err).toContain('error: groupCapRatio must be a decimal in (0, 1] such as "0.12", got "0"');
    const threshold = await cli(env, 'what-if', '--policy', 'equityControlThreshold=0.4');
    expect(threshold.code).toBe(2);
    expect(threshold.err).toContain('"equityControlThreshold" cannot be replayed (it decides grouping, which the log records as group events)');
    expect((await cli(env, 'what-if', '--net-capital', '1,000')).code).toBe(2);
  });
});

/**
 * The G14 book (libs/projections/src/testing/g14-scenario.ts): net capital 1,000,000,000.00, tier-1 400,000,000.00;
 * the connected group A + B at 80,000,000.00 after mitigation (A 50,000,000.00, B 30,000,000.00), F (interbank)
 * 90,000,000.00, S (sovereign) 30,000,000.00, E 10,000,050.00, M 5,000,000.00.
 */
describe('what-if --regime nfra-2018', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    dir = await dataDirWithReportBook(g14BookIn);
    env = { DATA_DIR: dir, BUSINESS_DATE: '2025-03-31' };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('measures the 2018 caps under a lower tier-1 net capital: who would be over, by how much', async () => {
    // Tier-1 300,000,000.00: connected group 20% = 60,000,000.00 (A + B 80,000,000.00: 20,000,000.00 over); interbank
    // 25% = 75,000,000.00 (F 90,000,000.00: 15,000,000.00 over); single client 15% = 45,000,000.00 (A 50,000,000.00:
    // 5,000,000.00 over). S is exempt; loans stay under 10% of net capital (100,000,000.00).
    const { code, out } = await cli(env, 'what-if', '--regime', 'nfra-2018', '--tier1-net-capital', '300000000', '--json');
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.log).toMatchObject({ netCapital: '1000000000.00', tier1NetCapital: '400000000.00', tier1ConnectedGroupRatio: '0.20' });
    expect(report.breaches.map((b: { customerId: string | null; connectedGroupId: string | null; basis: string; measure: string; cap: string; excess: string; breachedInLog: boolean }) => [b.connectedGroupId ?? b.customerId, b.basis, b.measure, b.cap, b.excess, b.breachedInLog])).toEqual([
      ['A', 'tier1-connected-group', '80000000.00', '60000000.00', '20000000.00', false],
      ['F', 'tier1-interbank', '90000000.00', '75000000.00', '15000000.00', false],
      ['A', 'tier1-single-client', '50000000.00', '45000000.00', '5000000.00', false],
    ]);
  });

  it('replays another 2018 ratio and prints a table', async () => {
    // Connected groups at 18% of 400,000,000.00 = 72,000,000.00: A + B over by 8,000,000.00.
    const { code, out } = await cli(env, 'what-if', '--regime', 'nfra-2018', '--policy', 'tier1ConnectedGroupRatio=0.18');
    expect(code).toBe(0);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('What-if (nfra-2018) as of 2025-03-31: tier1ConnectedGroupRatio 0.18 (log: 0.20). Nothing was written.');
    expect(lines[1]).toBe('1 over a 2018 cap (1 only under this scenario; the others are in breach in the log too):');
    expect(lines[3]).toMatch(/^connected group A \(A, B\) +Anhe Steel +tier1-connected-group +80,000,000\.00 +72,000,000\.00 +8,000,000\.00 +no$/);
  });

  it('refuses a setting of the other regime and tier-1 capital under cbrc-2010', async () => {
    const other = await cli(env, 'what-if', '--regime', 'nfra-2018', '--policy', 'groupCapRatio=0.1');
    expect(other.code).toBe(2);
    expect(other.err).toContain('"groupCapRatio" cannot be replayed under --regime nfra-2018 (it is a cbrc-2010 cap)');
    const tier1 = await cli(env, 'what-if', '--tier1-net-capital', '300000000');
    expect(tier1.code).toBe(2);
    expect(tier1.err).toContain('--tier1-net-capital is a base of the 2018 caps: give --regime nfra-2018');
  });
});
