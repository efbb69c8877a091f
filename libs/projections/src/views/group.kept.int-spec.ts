import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@groupcap/event-store';
import * as asOfBook from '../as-of/as-of-book';
import { BookProjection } from '../projection/book.projection';
import { READ_MODEL_FILE } from '../projection/read-model.db';
import { TWELVE_GROUPS_TODAY as TODAY, twelveGroups } from '../testing/twelve-groups';
import { InvalidCursorError, encodeCursor } from './paging';

/** What read-models.db keeps of the groups list, read from the file while no projection holds it. */
function keptInFile(dataDir: string): { dates: string[]; views: number; stale: string[] } {
  const db = new Database(join(dataDir, READ_MODEL_FILE), { readonly: true });
  try {
    return {
      dates: db.prepare<[], { as_of: string }>('SELECT as_of FROM kept_group_dates ORDER BY as_of').all().map((r) => r.as_of),
      views: (db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM kept_group_views').get() as { n: number }).n,
      stale: db.prepare<[], { customer_id: string }>('SELECT customer_id FROM kept_group_stale ORDER BY customer_id').all().map((r) => r.customer_id),
    };
  } finally {
    db.close();
  }
}

describe('the groups list kept for the business date, on disk', () => {
  const dir = mkdtempSync(join(tmpdir(), 'groupcap-kept-groups-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('pages from the kept views, survives a cold start, and measures again only the group a grant touched', async () => {
    const store = new SqliteEventStore(join(dir, 'events.db'));
    const book = await twelveGroups(store);
    const dataDir = join(dir, 'read-models');
    const open = async () => {
      // Applied on its own thread: the marks come over the other connection (projection-applier.ts).
      const projection = new BookProjection(store, { dataDir, today: () => TODAY, applyOnThread: { eventStoreDir: dir, pollIntervalMs: 5 } });
      await projection.start();
      return projection;
    };
    /** The list as a projection whose business date is another day computes it: every group measured from the whole book. */
    const wholeBookPage = async (options: { sort: 'capUtilization' | 'groupId'; limit: number; cursor?: string }) => {
      const fresh = new BookProjection(store, { today: () => '2000-01-01' });
      await fresh.start();
      try {
        return JSON.stringify(await fresh.groupsPage({ ...options, asOf: TODAY }));
      } finally {
        await fresh.stop();
      }
    };
    const loads = jest.spyOn(asOfBook, 'loadAsOfBook');
    const scopes = () => loads.mock.calls.map((call) => (call[2] === 'all' ? 'all' : [...call[2]].sort()));
    try {
      const first = await open();
      const page = await first.groupsPage({ sort: 'capUtilization', limit: 3 });
      // Largest first: P11's 60,000,000 / 150,000,000 = 0.4000 (headroom 90,000,000), P10's 55 / 150 = 0.3667, P9's
      // 50 / 150 = 0.3333.
      expect(page.items.map((g) => [g.groupId, g.members, g.comprehensiveLimit, g.capUtilization, g.headroom])).toEqual([
        ['G000012', ['P11', 'S11'], '60000000.00', '0.4000', '90000000.00'],
        ['G000011', ['P10', 'S10'], '55000000.00', '0.3667', '95000000.00'],
        ['G000010', ['P9', 'S9'], '50000000.00', '0.3333', '100000000.00'],
      ]);
      expect(scopes()).toEqual(['all']);
      expect(JSON.stringify(page)).toBe(await wholeBookPage({ sort: 'capUtilization', limit: 3 }));
      // The next page starts after G000010: P8's 45 / 150 = 0.3000, then 40 / 150 and 35 / 150.
      const next = await first.groupsPage({ sort: 'capUtilization', limit: 3, cursor: page.next as string });
      expect(next.items.map((g) => g.capUtilization)).toEqual(['0.3000', '0.2667', '0.2333']);
      expect(JSON.stringify(next)).toBe(await wholeBookPage({ sort: 'capUtilization', limit: 3, cursor: page.next as string }));
      await first.stop();
      expect(keptInFile(dataDir)).toEqual({ dates: [TODAY], views: 12, stale: [] });

      // S0 is granted 55,000,000.00 (today): group 0 then holds 5 + 55 = 60,000,000, 60 / 150 = 0.4000, the same as
      // G000012's: the smaller id first.
      loads.mockClear();
      const cold = await open();
      expect(JSON.stringify(await cold.groupsPage({ sort: 'capUtilization', limit: 3 }))).toBe(JSON.stringify(page));
      // Read from the kept views: no book loaded at all.
      expect(scopes()).toEqual([]);
      await book.grant('LX', 'S0', '55000000', '2025-01-01', '2025-12-31', TODAY);
      expect(await cold.waitFor((await store.headPosition()) as bigint, 5_000)).toBe(true);
      const after = await cold.groupsPage({ sort: 'capUtilization', limit: 3 });
      expect(after.items.map((g) => [g.groupId, g.comprehensiveLimit, g.capUtilization])).toEqual([
        ['G000001', '60000000.00', '0.4000'],
        ['G000012', '60000000.00', '0.4000'],
        ['G000011', '55000000.00', '0.3667'],
      ]);
      // One stale customer of twelve groups, under a tenth: only its group measured again, from its two members.
      expect(scopes()).toEqual([['P0', 'S0']]);
      expect(JSON.stringify(after)).toBe(await wholeBookPage({ sort: 'capUtilization', limit: 3 }));
      // A cursor this list never gave out is refused, whichever way the list is kept.
      // A figure too long for the column's 64-bit integer (19 digits) too, which SQLite would otherwise be handed.
      for (const value of ['not a figure', '999999999999999.9999']) {
        const forged = encodeCursor({ groupId: 'G000001', value });
        await expect(cold.groupsPage({ sort: 'capUtilization', limit: 3, cursor: forged })).rejects.toThrow(InvalidCursorError);
        await expect(cold.groupsPage({ sort: 'capUtilization', limit: 3, asOf: '2025-04-01', cursor: forged })).rejects.toThrow(InvalidCursorError);
      }
      await cold.stop();
      expect(keptInFile(dataDir)).toEqual({ dates: [TODAY], views: 12, stale: [] });
    } finally {
      loads.mockRestore();
      await store.close();
    }
  });

  it('are kept while the projection thread applies a batch, and the projection goes on', async () => {
    const eventsDir = join(dir, 'race');
    mkdirSync(eventsDir);
    const store = new SqliteEventStore(join(eventsDir, 'events.db'));
    const book = await twelveGroups(store);
    const stopped: unknown[] = [];
    const projection = new BookProjection(store, {
      dataDir: join(dir, 'race-read-models'),
      today: () => TODAY,
      applyOnThread: { eventStoreDir: eventsDir, pollIntervalMs: 5 },
      onError: (error) => stopped.push(error),
    });
    await projection.start();
    // The first ask keeps the views from a whole-book load made slow (400 ms) while a grant's batch reaches the
    // projection thread, which may apply it before, during or after the computation: whichever, the projection goes
    // on and the list shows the grant (the mark made during it: the third test).
    const load = asOfBook.loadAsOfBook;
    const slow = jest.spyOn(asOfBook, 'loadAsOfBook').mockImplementation((...args) => {
      const book = load(...args);
      const until = Date.now() + 400;
      while (Date.now() < until);
      return book;
    });
    try {
      await book.grant('LX', 'S0', '55000000', '2025-01-01', '2025-12-31', TODAY);
      const head = (await store.headPosition()) as bigint;
      await projection.groupsPage({ sort: 'capUtilization', limit: 3 });
      slow.mockRestore();
      expect(await projection.waitFor(head, 5_000)).toBe(true);
      expect(stopped).toEqual([]);
      // Group 0 after the grant: 5 + 55 = 60,000,000, 0.4000, first by its id among the two at 0.4000.
      expect((await projection.groupsPage({ sort: 'capUtilization', limit: 1 })).items.map((g) => [g.groupId, g.capUtilization])).toEqual([['G000001', '0.4000']]);
    } finally {
      slow.mockRestore();
      await projection.stop();
      await store.close();
    }
  });
  it('are computed from the whole book without the write lock, and kept only if neither dropped nor computed by another meanwhile', async () => {
    const eventsDir = join(dir, 'unlocked');
    mkdirSync(eventsDir);
    const store = new SqliteEventStore(join(eventsDir, 'events.db'));
    await twelveGroups(store);
    const dataDir = join(dir, 'unlocked-read-models');
    const open = async () => {
      const projection = new BookProjection(store, { dataDir, today: () => TODAY, applyOnThread: { eventStoreDir: eventsDir, pollIntervalMs: 5 } });
      await projection.start();
      return projection;
    };
    /** Another connection to the file, as the projection thread's is: its write lock taken and given back at once, or SQLITE_BUSY. */
    const writeLockFree = () => {
      const other = new Database(join(dataDir, READ_MODEL_FILE), { timeout: 0 });
      try {
        other.exec('BEGIN IMMEDIATE');
        other.exec('ROLLBACK');
        return true;
      } catch (error) {
        if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
        return false;
      } finally {
        other.close();
      }
    };
    const load = asOfBook.loadAsOfBook;
    let duringWholeBook: () => void = () => undefined;
    const loads = jest.spyOn(asOfBook, 'loadAsOfBook').mockImplementation((...args) => {
      const book = load(...args);
      if (args[2] === 'all') duringWholeBook();
      return book;
    });
    let projection: BookProjection | undefined;
    // Largest first: P11's 60,000,000 / 150,000,000 = 0.4000, P10's 55 / 150 = 0.3667 (twelveGroups).
    const top = [
      ['G000012', '0.4000'],
      ['G000011', '0.3667'],
    ];
    try {
      // 1. The first ask: while the whole book is measured, the projection thread could take the write lock, and a
      // batch it commits then marks S0 stale (done here over another connection, as that thread's markStale does):
      // the mark outlives the put, so the ask's read finds the views stale and brings S0's group up to date first.
      let free: boolean[] = [];
      duringWholeBook = () => {
        free.push(writeLockFree());
        const other = new Database(join(dataDir, READ_MODEL_FILE));
        other.prepare('INSERT INTO kept_group_stale (as_of, customer_id) SELECT as_of, ? FROM kept_group_dates').run('S0');
        other.close();
      };
      projection = await open();
      expect((await projection.groupsPage({ sort: 'capUtilization', limit: 2 })).items.map((g) => [g.groupId, g.capUtilization])).toEqual(top);
      expect(free).toEqual([true]);
      expect(loads.mock.calls.map((call) => (call[2] === 'all' ? 'all' : [...call[2]].sort()))).toEqual(['all', ['P0', 'S0']]);
      await projection.stop();
      expect(keptInFile(dataDir)).toEqual({ dates: [TODAY], views: 12, stale: [] });

      // 2. A crash between marking the date computing and putting its views leaves it computing, with no views: the
      // projection forgets it as it opens, and the next ask measures the whole book again, and keeps it.
      const file = new Database(join(dataDir, READ_MODEL_FILE));
      file.exec("UPDATE kept_group_dates SET computing = 'a computation the crash ended'; DELETE FROM kept_group_views");
      file.close();
      free = [];
      projection = await open();
      expect((await projection.groupsPage({ sort: 'capUtilization', limit: 2 })).items.map((g) => [g.groupId, g.capUtilization])).toEqual(top);
      expect(free).toEqual([true]);
      await projection.stop();
      expect(keptInFile(dataDir)).toEqual({ dates: [TODAY], views: 12, stale: [] });

      // 3. The projection thread drops the date while its views are computed (what an event that changes who is
      // grouped with whom on it does, kept-effect.ts; done here over another connection, as that thread's is): the
      // views computed are not kept, and the page is still answered from them.
      const forgotten = new Database(join(dataDir, READ_MODEL_FILE));
      forgotten.exec('DELETE FROM kept_group_dates; DELETE FROM kept_group_views');
      forgotten.close();
      duringWholeBook = () => {
        const other = new Database(join(dataDir, READ_MODEL_FILE));
        other.exec('DELETE FROM kept_group_views; DELETE FROM kept_group_stale; DELETE FROM kept_group_dates');
        other.close();
      };
      projection = await open();
      const page = await projection.groupsPage({ sort: 'capUtilization', limit: 2 });
      expect(page.items.map((g) => [g.groupId, g.capUtilization])).toEqual(top);
      expect(keptInFile(dataDir)).toEqual({ dates: [], views: 0, stale: [] });
      // The next page follows on from the whole book: P9's 50 / 150 = 0.3333, P8's 45 / 150 = 0.3000.
      duringWholeBook = () => undefined;
      expect((await projection.groupsPage({ sort: 'capUtilization', limit: 2, cursor: page.next as string })).items.map((g) => g.capUtilization)).toEqual(['0.3333', '0.3000']);
      await projection.stop();
      expect(keptInFile(dataDir)).toEqual({ dates: [TODAY], views: 12, stale: [] });

      // 4. Another computation of the date begins while this one computes (the keeping thread's, keeping-thread.ts:
      // marking the date computing with its own token, which clears the marks this one would need): this one's views
      // are not put, and the date is left to the other.
      const otherComputation = () => {
        const other = new Database(join(dataDir, READ_MODEL_FILE));
        other.exec("DELETE FROM kept_group_views; DELETE FROM kept_group_stale; UPDATE kept_group_dates SET computing = 'the other computation'");
        other.close();
      };
      duringWholeBook = otherComputation;
      // Left computing, so that the next ask computes the date whole.
      new Database(join(dataDir, READ_MODEL_FILE)).exec("UPDATE kept_group_dates SET computing = 'a computation the crash ended'").close();
      projection = await open();
      expect((await projection.groupsPage({ sort: 'capUtilization', limit: 2 })).items.map((g) => [g.groupId, g.capUtilization])).toEqual(top);
      duringWholeBook = () => undefined;
      expect(keptInFile(dataDir)).toEqual({ dates: [TODAY], views: 0, stale: [] });

      // 5. Another computation is computing the date, begun a moment ago (the keeping thread's): an ask computes the
      // list for its own answer from the whole book and leaves the date to it.
      const live = `${Date.now()}:the keeping thread's`;
      const computingNow = () => {
        const file = new Database(join(dataDir, READ_MODEL_FILE), { readonly: true });
        try {
          return file.prepare<[], string | null>('SELECT computing FROM kept_group_dates').pluck(true).all();
        } finally {
          file.close();
        }
      };
      const other = new Database(join(dataDir, READ_MODEL_FILE));
      other.prepare('UPDATE kept_group_dates SET computing = ?').run(live);
      other.close();
      expect((await projection.groupsPage({ sort: 'capUtilization', limit: 2 })).items.map((g) => [g.groupId, g.capUtilization])).toEqual(top);
      expect(computingNow()).toEqual([live]);
      await projection.stop();
      expect(keptInFile(dataDir)).toEqual({ dates: [TODAY], views: 0, stale: [] });
    } finally {
      loads.mockRestore();
      await projection?.stop();
      await store.close();
    }
  });
});
