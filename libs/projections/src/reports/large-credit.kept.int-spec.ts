import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { SqliteEventStore } from '@groupcap/event-store';
import * as asOfBook from '../as-of/as-of-book';
import { BookProjection } from '../projection/book.projection';
import { READ_MODEL_FILE } from '../projection/read-model.db';
import { buildReportBook } from '../testing/report-scenario';
import { ADMIN, TestBook } from '../testing/test-book';

/** What read-models.db keeps for a date, read from the file while no projection holds it. */
function keptInFile(dataDir: string, asOf: string): { dates: string[]; rows: number; stale: string[] } {
  const db = new Database(join(dataDir, READ_MODEL_FILE), { readonly: true });
  try {
    return {
      dates: db.prepare<[], { as_of: string }>('SELECT as_of FROM kept_report_dates ORDER BY as_of').all().map((r) => r.as_of),
      rows: (db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM kept_report_rows WHERE as_of = ?').get(asOf) as { n: number }).n,
      stale: db.prepare<[string], { customer_id: string }>('SELECT customer_id FROM kept_report_stale WHERE as_of = ? ORDER BY customer_id').all(asOf).map((r) => r.customer_id),
    };
  } finally {
    db.close();
  }
}

/** The report as a projection opened afresh in memory computes it: from the whole book as of the date. */
async function wholeBookReport(store: SqliteEventStore, asOf: string, today: string): Promise<string> {
  const fresh = new BookProjection(store, { today: () => today });
  await fresh.start();
  try {
    return JSON.stringify(await fresh.largeCreditReport({ asOf }));
  } finally {
    await fresh.stop();
  }
}

describe('large-credit rows kept per quarter end and for the business date, on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupcap-kept-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('survive a cold start and stay right after a drawdown back-dated into the quarter', async () => {
    // The report book (testing/report-scenario.ts), today 2025-04-10, the report as of 2025-03-31.
    const dataDir = join(dir, 'cold');
    const store = new SqliteEventStore(join(dir, 'cold-events.db'));
    const book = await buildReportBook(new TestBook({ store }));
    const open = async () => {
      const projection = new BookProjection(store, { dataDir, today: () => '2025-04-10' });
      await projection.start();
      return projection;
    };
    const wholeBookLoads = jest.spyOn(asOfBook, 'loadAsOfBook');
    const scopes = () => wholeBookLoads.mock.calls.map((call) => call[2]);
    try {
      const first = await open();
      const asked = JSON.stringify(await first.largeCreditReport({ asOf: '2025-03-31' }));
      await first.stop();
      // Six rows as of 03-31 (large-credit.report.spec.ts): the group, C-M, C-N, C-K, C-V, C-W; C-X exited.
      expect(keptInFile(dataDir, '2025-03-31')).toEqual({ dates: ['2025-03-31'], rows: 6, stale: [] });

      wholeBookLoads.mockClear();
      const cold = await open();
      expect(JSON.stringify(await cold.largeCreditReport({ asOf: '2025-03-31' }))).toBe(asked);
      // Read from the kept rows: no book loaded at all.
      expect(scopes()).toEqual([]);

      // C-N draws 4,000,000.00 (loan) on LN, effective 2025-03-25, recorded after the quarter end.
      await book.draw('DN1', 'LN', '4000000', 'loan', '2025-03-25');
      expect(await cold.waitFor((await store.headPosition()) as bigint, 5_000)).toBe(true);
      await cold.stop();
      expect(keptInFile(dataDir, '2025-03-31')).toMatchObject({ rows: 6, stale: ['C-N'] });

      wholeBookLoads.mockClear();
      const again = await open();
      const report = await again.largeCreditReport({ asOf: '2025-03-31' });
      // One stale customer is more than a tenth of six rows: the date is computed again from the whole book (the
      // second test has a stale tenth small enough to be refreshed by subject).
      expect(scopes()).toEqual(['all']);
      // C-N on 03-31: limit 50,000,000 still above its outstanding, so 50,000,000 reported (rank 3, after C-M by id);
      // on-balance, outstanding and exposure the loan's 4,000,000 (no margin); lead branch BJ, the only one with
      // credit (nothing was out at 2024-12-31); ratio 50,000,000 / 1,000,000,000 = 0.0500.
      expect(report.rows.find((row) => row.customerId === 'C-N')).toMatchObject({
        rank: 3,
        comprehensiveLimit: '50000000.00',
        onBalance: '4000000.00',
        offBalance: '0.00',
        outstanding: '4000000.00',
        exposure: '4000000.00',
        ratio: '0.0500',
        leadBranch: 'BJ',
      });
      expect(JSON.stringify(report)).toBe(await wholeBookReport(store, '2025-03-31', '2025-04-10'));
      await again.stop();
      expect(keptInFile(dataDir, '2025-03-31')).toMatchObject({ rows: 6, stale: [] });
    } finally {
      wholeBookLoads.mockRestore();
      await store.close();
    }
  });

  it('are kept for the business date too, the last one asked only, beside every quarter end asked', async () => {
    // The report book (testing/report-scenario.ts), today 2025-04-10.
    const dataDir = join(dir, 'business-date');
    const store = new SqliteEventStore(join(dir, 'business-date-events.db'));
    await buildReportBook(new TestBook({ store }));
    const open = async (today: string) => {
      const projection = new BookProjection(store, { dataDir, today: () => today });
      await projection.start();
      return projection;
    };
    const loads = jest.spyOn(asOfBook, 'loadAsOfBook');
    const scopes = () => loads.mock.calls.map((call) => call[2]);
    try {
      let projection = await open('2025-04-10');
      await projection.largeCreditReport({ asOf: '2025-03-31' });
      const today = JSON.stringify(await projection.largeCreditReport({ asOf: '2025-04-10' }));
      const rows = (JSON.parse(today) as { rows: unknown[] }).rows.length;
      expect(rows).toBeGreaterThan(0);
      // A date that is neither: from the whole book, not kept.
      await projection.largeCreditReport({ asOf: '2025-04-05' });
      loads.mockClear();
      expect(JSON.stringify(await projection.largeCreditReport({ asOf: '2025-04-10' }))).toBe(today);
      // Read from the kept rows: no book loaded at all.
      expect(scopes()).toEqual([]);
      await projection.stop();
      expect(keptInFile(dataDir, '2025-04-10')).toEqual({ dates: ['2025-03-31', '2025-04-10'], rows, stale: [] });
      expect(today).toBe(await wholeBookReport(store, '2025-04-10', '2025-04-10'));

      // The next business day: its rows kept, the day before forgotten, the quarter end still kept.
      projection = await open('2025-04-11');
      await projection.largeCreditReport({ asOf: '2025-04-11' });
      // Another quarter end asked after it: kept beside it, the business date not forgotten.
      await projection.largeCreditReport({ asOf: '2024-12-31' });
      await projection.stop();
      expect(keptInFile(dataDir, '2025-04-10')).toEqual({ dates: ['2024-12-31', '2025-03-31', '2025-04-11'], rows: 0, stale: [] });
    } finally {
      loads.mockRestore();
      await store.close();
    }
  });

  it('leave no kept row that misses an event when the projection process is killed between batches', async () => {
    const child = resolve(__dirname, '../testing/projection-child.js');
    if (!existsSync(resolve(__dirname, '../../../../dist/libs/projections/src/index.js'))) throw new Error('run `npm run build` first: the child runs the compiled projection');
    const dataDir = join(dir, 'crash');
    const eventsFile = join(dir, 'crash-events.db');
    // 400 standalone customers, a limit of 5,000,000.00 each (branch B0..B6): 400 rows as of 2025-03-31.
    const book = new TestBook({ store: new SqliteEventStore(eventsFile) });
    await book.declareCapital('2024-12-31', '1000000000.00', '2025-01-02');
    await book.run({ type: 'ChangePolicy', escalationThreshold: '100000000.00' }, '2025-01-02', ADMIN);
    for (let i = 0; i < 400; i++) {
      await book.register(`C${i}`, `客户${i}`, '2025-01-05');
      await book.grant(`L${i}`, `C${i}`, '5000000', '2025-01-01', '2025-12-31', '2025-01-10', { branch: `B${i % 7}` });
    }
    // The bank's business date moves on to 2025-04-15: what follows is recorded after the quarter end.
    book.today = '2025-04-15';
    const kept = new BookProjection(book.store, { dataDir, today: () => '2025-04-15' });
    await kept.start();
    await kept.largeCreditReport({ asOf: '2025-03-31' });
    const keptAt = kept.position() as bigint;
    await kept.stop();

    // After the date is kept: 30 customers (under a tenth of the 400 rows, so each is refreshed alone) draw
    // 3,000,000.00 effective 03-01 and repay 40 x 10,000.00 effective 03-02 to 03-21 (two a day), all back-dated:
    // 1,230 events.
    for (let i = 0; i < 30; i++) {
      await book.draw(`D${i}`, `L${i}`, '3000000', 'loan', '2025-03-01');
      for (let k = 0; k < 40; k++) await book.repay(`D${i}`, '10000', `2025-03-${String(2 + (k >> 1)).padStart(2, '0')}`);
    }
    const head = (await book.store.headPosition()) as bigint;
    await book.store.close();

    // Batches of 5 events: about 250 commits, so the kill lands between two of them.
    const process = spawn(globalThis.process.execPath, [child, eventsFile, dataDir, '5'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const killedAt = await new Promise<bigint>((done, fail) => {
      let seen = '';
      process.stdout.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        const positions = seen.split('\n').filter((l) => /^\d+$/.test(l)).map(BigInt);
        const latest = positions[positions.length - 1];
        if (latest !== undefined && latest > keptAt + (head - keptAt) / 4n) {
          process.kill('SIGKILL');
          done(latest);
        }
        if (seen.includes('caught-up')) fail(new Error('the projection caught up before it could be killed'));
      });
    });
    await new Promise((r) => process.once('exit', r));
    expect(killedAt).toBeLessThan(head);
    // Marks committed with the events applied before the kill: some of the 30 customers, none beyond them.
    const left = keptInFile(dataDir, '2025-03-31');
    expect(left.rows).toBe(400);
    expect(left.stale.length).toBeGreaterThan(0);
    expect(left.stale.every((id) => Number(id.slice(1)) < 30)).toBe(true);

    const store = new SqliteEventStore(eventsFile);
    const resumed = new BookProjection(store, { dataDir, today: () => '2025-04-15' });
    const loads = jest.spyOn(asOfBook, 'loadAsOfBook');
    try {
      expect(resumed.position()).toBeLessThan(head);
      await resumed.start();
      expect(resumed.position()).toBe(head);
      const report = await resumed.largeCreditReport({ asOf: '2025-03-31' });
      // The 30 stale customers' subjects (each standalone) loaded once, together; not the whole book.
      expect(loads.mock.calls.map((call) => (call[2] === 'all' ? 'all' : [...call[2]].sort()))).toEqual([Array.from({ length: 30 }, (_, i) => `C${i}`).sort()]);
      // Each of the 30 on 03-31: 3,000,000 - 40 x 10,000 = 2,600,000 out (loan: on-balance, exposure alike), under
      // its 5,000,000 limit; the other 370 have nothing out.
      const drawn = report.rows.filter((row) => row.outstanding !== '0.00');
      expect(drawn.map((row) => row.customerId).sort()).toEqual(Array.from({ length: 30 }, (_, i) => `C${i}`).sort());
      for (const row of drawn) expect(row).toMatchObject({ comprehensiveLimit: '5000000.00', onBalance: '2600000.00', outstanding: '2600000.00', exposure: '2600000.00' });
      expect(JSON.stringify(report)).toBe(await wholeBookReport(store, '2025-03-31', '2025-04-15'));
    } finally {
      loads.mockRestore();
      await resumed.stop();
      await store.close();
    }
  });
});
