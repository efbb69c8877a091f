import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@groupcap/event-store';
import * as asOfBook from '../as-of/as-of-book';
import { fileLargeCreditReportCommand } from '../reports/large-credit.filing';
import { buildG14Book } from '../testing/g14-scenario';
import { RISK, TestBook } from '../testing/test-book';
import { TWELVE_GROUPS_TODAY as TODAY, twelveGroups } from '../testing/twelve-groups';
import { ReadSideStoppedError } from '../read-models.port';
import { BookProjection } from './book.projection';
import { READ_MODEL_FILE } from './read-model.db';

/** A date's rows (the business date's unless told) as read-models.db keeps them now, read over a connection of its own. */
function keptNow(dataDir: string, date = TODAY): { groups: string; report: string } {
  const db = new Database(join(dataDir, READ_MODEL_FILE), { readonly: true });
  try {
    const state = (dates: string, stale: string) => {
      const row = db.prepare<[string], { computing: string | null }>(`SELECT computing FROM ${dates} WHERE as_of = ?`).get(date);
      const marks = (db.prepare<[string], { n: number }>(`SELECT COUNT(*) AS n FROM ${stale} WHERE as_of = ?`).get(date) as { n: number }).n;
      return row === undefined ? 'not kept' : row.computing !== null ? 'computing' : marks > 0 ? 'stale' : 'kept';
    };
    return { groups: state('kept_group_dates', 'kept_group_stale'), report: state('kept_report_dates', 'kept_report_stale') };
  } finally {
    db.close();
  }
}

async function until(what: string, done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the keeping thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupcap-keeping-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("keeps the business date's groups list and report, so that no ask measures the whole book on the main thread", async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const book = await twelveGroups(store);
    const dataDir = join(dir, 'read-models');
    const problems: unknown[] = [];
    const options = { dataDir, today: () => TODAY, applyOnThread: { eventStoreDir: dir, pollIntervalMs: 5 } };
    const projection = new BookProjection(store, { ...options, keepOnThread: { checkEveryMs: 50, onProblem: (m: string) => problems.push(m) } });
    /** The answers of a projection without the thread, whose first asks measure the whole book on this thread. */
    const wholeBook = async () => {
      const other = new BookProjection(store, { today: () => TODAY });
      await other.start();
      try {
        return JSON.stringify([await other.groupsPage({ sort: 'capUtilization', limit: 3 }), await other.largeCreditReport({})]);
      } finally {
        await other.stop();
      }
    };
    const loads = jest.spyOn(asOfBook, 'loadAsOfBook');
    const caughtUp = async () => expect(await projection.waitFor((await store.headPosition()) as bigint, 5_000)).toBe(true);
    try {
      await projection.start();
      await until('both kinds kept for the business date', () => JSON.stringify(keptNow(dataDir)) === JSON.stringify({ groups: 'kept', report: 'kept' }));
      const answers = async () => JSON.stringify([await projection.groupsPage({ sort: 'capUtilization', limit: 3 }), await projection.largeCreditReport({})]);
      const first = await answers();
      // Read from the kept rows: no book loaded on this thread (the spy sees this thread's loads only).
      expect(loads).not.toHaveBeenCalled();
      expect(first).toBe(await wholeBook());
      loads.mockClear();
      // Largest first: P11's 60,000,000 / 150,000,000 = 0.4000 (twelveGroups).
      expect((await projection.groupsPage({ sort: 'capUtilization', limit: 1 })).items.map((g) => [g.groupId, g.capUtilization])).toEqual([['G000012', '0.4000']]);

      // S0 is granted 55,000,000.00 today: group 0 then holds 5 + 55 = 60,000,000, 0.4000, first by its id. The thread
      // refreshes the stale group before any ask.
      await book.grant('LX', 'S0', '55000000', '2025-01-01', '2025-12-31', TODAY);
      await caughtUp();
      await until('the grant refreshed by the thread', () => JSON.stringify(keptNow(dataDir)) === JSON.stringify({ groups: 'kept', report: 'kept' }));
      const afterGrant = await answers();
      expect(loads).not.toHaveBeenCalled();
      expect(JSON.parse(afterGrant)[0].items.map((g: { groupId: string; capUtilization: string }) => [g.groupId, g.capUtilization])).toEqual([
        ['G000001', '0.4000'],
        ['G000012', '0.4000'],
        ['G000011', '0.3667'],
      ]);
      expect(afterGrant).toBe(await wholeBook());
      loads.mockClear();

      // P1 comes to hold 60% of P2 today: groups 1 and 2 merge on the date, which drops it (kept-effect.ts); the thread
      // computes it again.
      await book.holds('RX', 'P1', 'P2', '0.6', TODAY);
      await caughtUp();
      await until('the dropped date kept again by the thread', () => JSON.stringify(keptNow(dataDir)) === JSON.stringify({ groups: 'kept', report: 'kept' }));
      const afterLink = await answers();
      expect(loads).not.toHaveBeenCalled();
      expect(afterLink).toBe(await wholeBook());
      expect(problems).toEqual([]);
    } finally {
      loads.mockRestore();
      await projection.stop();
      await store.close();
    }
  });

  /**
   * The twelve groups on a log of its own (the projection's thread reads events.db in eventStoreDir), with a keeping
   * thread that checks no more after its first: only the start and the asks set it to work within a test.
   */
  async function onLogOfItsOwn(name: string) {
    const logDir = join(dir, name);
    mkdirSync(logDir);
    const store = new SqliteEventStore(join(logDir, 'events.db'));
    const book = await twelveGroups(store);
    const dataDir = join(logDir, 'read-models');
    const problems: unknown[] = [];
    const projection = new BookProjection(store, {
      dataDir,
      today: () => TODAY,
      applyOnThread: { eventStoreDir: logDir, pollIntervalMs: 5 },
      keepOnThread: { checkEveryMs: 600_000, onProblem: (m: string) => problems.push(m) },
    });
    return { store, book, dataDir, problems, projection };
  }

  it('lets an ask that comes before the thread is done wait for it, instead of measuring the whole book on the main thread', async () => {
    const { store, book, dataDir, problems, projection } = await onLogOfItsOwn('waits');
    const loads = jest.spyOn(asOfBook, 'loadAsOfBook');
    try {
      await projection.start();
      // At once after the start, while the thread is still starting: without the wait, these asks computed the rows.
      await projection.whenKept('groups');
      const page = await projection.groupsPage({ sort: 'capUtilization', limit: 1 });
      await projection.whenKept('report');
      const report = await projection.largeCreditReport({});
      expect(loads).not.toHaveBeenCalled();
      // Largest first: P11's 60,000,000 / 150,000,000 = 0.4000 (twelveGroups); one row per group with credit.
      expect(page.items.map((g) => [g.groupId, g.capUtilization])).toEqual([['G000012', '0.4000']]);
      expect(report.rows).toHaveLength(12);

      // P1 comes to hold 60% of P2 today: the merge drops the date (kept-effect.ts). The next ask has the thread keep
      // it again at once, and waits for it, rather than waiting for the next check or computing it here.
      await book.holds('RX', 'P1', 'P2', '0.6', TODAY);
      expect(await projection.waitFor((await store.headPosition()) as bigint, 5_000)).toBe(true);
      expect(keptNow(dataDir).report).toBe('not kept');
      await projection.whenKept('report');
      expect(keptNow(dataDir).report).toBe('kept');
      // Groups 1 and 2 are one row now.
      expect((await projection.largeCreditReport({})).rows).toHaveLength(11);
      expect(loads).not.toHaveBeenCalled();

      // Two grants today make S3 and S4 stale: 2 of 11 rows, more than a tenth, which a read would compute anew from
      // the whole book rather than refresh. The asks wait for the thread to do it.
      await book.grant('LY', 'S3', '10000000', '2025-01-01', '2025-12-31', TODAY);
      await book.grant('LZ', 'S4', '10000000', '2025-01-01', '2025-12-31', TODAY);
      expect(await projection.waitFor((await store.headPosition()) as bigint, 5_000)).toBe(true);
      await projection.whenKept('groups');
      await projection.whenKept('report');
      const limits = new Map((await projection.largeCreditReport({})).rows.map((row) => [row.groupId, row.comprehensiveLimit]));
      // G000004 is group 3: P3's 4 x 5,000,000 + S3's 10,000,000; G000005: P4's 5 x 5,000,000 + 10,000,000.
      expect([limits.get('G000004'), limits.get('G000005')]).toEqual(['30000000.00', '35000000.00']);
      expect((await projection.groupsPage({ sort: 'groupId', limit: 20 })).items).toHaveLength(11);
      expect(loads).not.toHaveBeenCalled();
      expect(problems).toEqual([]);
    } finally {
      loads.mockRestore();
      await projection.stop();
      await store.close();
    }
  });

  it("keeps a quarter end's report on the thread when it is asked for, and leaves the business date's rows kept", async () => {
    const { store, dataDir, problems, projection } = await onLogOfItsOwn('quarter-end');
    const loads = jest.spyOn(asOfBook, 'loadAsOfBook');
    try {
      await projection.start();
      await projection.whenKept('groups');
      await projection.whenKept('report');
      expect(keptNow(dataDir)).toEqual({ groups: 'kept', report: 'kept' });
      // 2025-03-31 closes the first quarter of the business date 2025-04-10 (twelveGroups): not kept until asked.
      expect(keptNow(dataDir, '2025-03-31').report).toBe('not kept');
      await projection.whenKept('report', '2025-03-31');
      expect(keptNow(dataDir, '2025-03-31')).toEqual({ groups: 'not kept', report: 'kept' });
      const report = await projection.largeCreditReport({ asOf: '2025-03-31' });
      // Everything was granted in January: all twelve groups, each P_i's (i + 1) x 5,000,000, P11's 60,000,000 first.
      expect(report.rows).toHaveLength(12);
      expect([report.rows[0].groupId, report.rows[0].comprehensiveLimit]).toEqual(['G000012', '60000000.00']);
      expect(loads).not.toHaveBeenCalled();
      // The business date's rows are still kept: a quarter end kept on the thread forgets no other date.
      expect(keptNow(dataDir)).toEqual({ groups: 'kept', report: 'kept' });
      // Another past date is not kept, and an ask for it does not wait for the thread.
      await projection.whenKept('report', '2025-03-15');
      expect(keptNow(dataDir, '2025-03-15').report).toBe('not kept');
      expect(problems).toEqual([]);
    } finally {
      loads.mockRestore();
      await projection.stop();
      await store.close();
    }
  });

  it('measures the large-credit report, the groups list and every limit of a date with no kept rows on the thread, as the main thread would', async () => {
    const { store, book, problems, projection } = await onLogOfItsOwn('other-date');
    const reference = new BookProjection(store, { today: () => TODAY });
    const loads = jest.spyOn(asOfBook, 'loadAsOfBook');
    try {
      await reference.start();
      // 2025-03-14 is neither the business date nor a quarter end: no rows of it are kept. Filed on 2025-04-01, then a
      // grant of 1,000,000.00 to S0 from 2025-03-10, recorded later, restates G000001 (P0 and S0): P0's 5,000,000.00
      // plus S0's 1,000,000.00 is 6,000,000.00 on 2025-03-14, 600.00 wan; still the smallest of the twelve, so 12th.
      await book.run(fileLargeCreditReportCommand(await reference.largeCreditReportForFiling('2025-03-14')), '2025-04-01', RISK);
      await book.grant('L-S0', 'S0', '1000000.00', '2025-03-10', '2025-12-31', '2025-03-10');
      await projection.start();
      expect(await projection.waitFor((await store.headPosition()) as bigint, 5_000)).toBe(true);
      expect(await reference.waitFor((await store.headPosition()) as bigint, 5_000)).toBe(true);
      loads.mockClear();

      const report = await projection.largeCreditReport({ asOf: '2025-03-14', unit: 'wan' });
      const filable = await projection.largeCreditReportForFiling('2025-03-14');
      const first = await projection.groupsPage({ sort: 'comprehensiveLimit', limit: 2, asOf: '2025-03-14' });
      const second = await projection.groupsPage({ sort: 'comprehensiveLimit', limit: 2, asOf: '2025-03-14', cursor: first.next as string });
      const limits = await projection.limits({ limit: 3, asOf: '2025-03-14' });
      const moreLimits = await projection.limits({ limit: 3, asOf: '2025-03-14', cursor: limits.next as string });
      // None was measured from a book loaded on this thread.
      expect(loads).not.toHaveBeenCalled();
      // By limit id, code unit by code unit: 'L-S0' first ('-' before '0'), then 'L10' and 'L11' before 'L2'.
      expect([limits, moreLimits].map((page) => page.items.map((l) => [l.limitId, l.amount]))).toEqual([
        [['L-S0', '1000000.00'], ['L0', '5000000.00'], ['L1', '10000000.00']],
        [['L10', '55000000.00'], ['L11', '60000000.00'], ['L2', '15000000.00']],
      ]);
      expect([limits, moreLimits]).toEqual([
        await reference.limits({ limit: 3, asOf: '2025-03-14' }),
        await reference.limits({ limit: 3, asOf: '2025-03-14', cursor: limits.next as string }),
      ]);
      // P11's 60,000,000.00, P10's 55,000,000.00, then P9's 50,000,000.00 and P8's 45,000,000.00.
      expect([first, second].map((page) => page.items.map((g) => [g.groupId, g.comprehensiveLimit]))).toEqual([
        [['G000012', '60000000.00'], ['G000011', '55000000.00']],
        [['G000010', '50000000.00'], ['G000009', '45000000.00']],
      ]);
      expect([first, second]).toEqual([
        await reference.groupsPage({ sort: 'comprehensiveLimit', limit: 2, asOf: '2025-03-14' }),
        await reference.groupsPage({ sort: 'comprehensiveLimit', limit: 2, asOf: '2025-03-14', cursor: first.next as string }),
      ]);
      expect([report.filing?.filedBy, report.restated]).toEqual(['risk-1', true]);
      const g1 = (rows: readonly { groupId: string | null; rank: number; comprehensiveLimit: string }[] | undefined) =>
        rows?.filter((row) => row.groupId === 'G000001').map((row) => [row.rank, row.comprehensiveLimit]);
      expect([g1(report.rows), g1(report.current?.rows)]).toEqual([[[12, '500.00']], [[12, '600.00']]]);
      expect(g1(filable.rows)).toEqual([[12, '6000000.00']]);
      // The members of both the filed and the current rows' groups: twelve groups of two.
      expect(report.members).toHaveLength(24);

      expect(report).toEqual(await reference.largeCreditReport({ asOf: '2025-03-14', unit: 'wan' }));
      expect(filable).toEqual(await reference.largeCreditReportForFiling('2025-03-14'));
      expect(problems).toEqual([]);
    } finally {
      loads.mockRestore();
      await reference.stop();
      await projection.stop();
      await store.close();
    }
  });

  it('refuses, as retryable, an ask the thread was measuring when the read models stopped, instead of reading a closed database', async () => {
    const { store, problems, projection } = await onLogOfItsOwn('stopping');
    try {
      await projection.start();
      // Both sent to the thread; the stop comes before either answer can.
      const asked = expect(projection.largeCreditReport({ asOf: '2025-03-14' })).rejects.toThrow(ReadSideStoppedError);
      const listed = expect(projection.groupsPage({ sort: 'groupId', limit: 5, asOf: '2025-03-14' })).rejects.toThrow(ReadSideStoppedError);
      await projection.stop();
      await asked;
      await listed;
      expect(problems).toEqual([]);
    } finally {
      await projection.stop();
      await store.close();
    }
  });

  it('measures the G14 report on the thread, not on the main thread, and answers as the main thread would', async () => {
    const logDir = join(dir, 'g14');
    mkdirSync(logDir);
    const store = new SqliteEventStore(join(logDir, 'events.db'));
    await buildG14Book(new TestBook({ store }));
    const problems: unknown[] = [];
    const today = () => '2025-04-10';
    const projection = new BookProjection(store, {
      dataDir: join(logDir, 'read-models'),
      today,
      applyOnThread: { eventStoreDir: logDir, pollIntervalMs: 5 },
      keepOnThread: { checkEveryMs: 600_000, onProblem: (m: string) => problems.push(m) },
    });
    const reference = new BookProjection(store, { today });
    // What the main thread measures a G14 report from (the whole book as of its date): never called with the thread.
    const measured = jest.spyOn(projection, 'bookState');
    try {
      await projection.start();
      await reference.start();
      const report = await projection.largeExposureReport({ asOf: '2025-03-31' });
      expect(measured).not.toHaveBeenCalled();
      // The rows of testing/g14-scenario.ts on 2025-03-31 (large-exposure.report.spec.ts works them out): F's placement
      // 90,000,000 first (0.2250 of tier-1 400,000,000), then A with B, A, B, S and E.
      expect(report.rows.map((r) => [r.rank, r.subjectType, r.subjectId, r.exposureAfterMitigation])).toEqual([
        [1, 'customer', 'F', '9000.00'],
        [2, 'connected-group', 'A', '8000.00'],
        [3, 'customer', 'A', '5000.00'],
        [4, 'customer', 'B', '3000.00'],
        [5, 'customer', 'S', '3000.00'],
        [6, 'customer', 'E', '1000.01'],
      ]);
      expect(report).toEqual(await reference.largeExposureReport({ asOf: '2025-03-31' }));
      expect(await projection.largeExposureReportForFiling('2025-02-14')).toEqual(await reference.largeExposureReportForFiling('2025-02-14'));
      expect(measured).not.toHaveBeenCalled();
      expect(problems).toEqual([]);
    } finally {
      measured.mockRestore();
      await reference.stop();
      await projection.stop();
      await store.close();
    }
  });
});
