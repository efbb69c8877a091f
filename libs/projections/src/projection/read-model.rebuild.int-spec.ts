import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore } from '@groupcap/event-store';
import { BookProjection } from './book.projection';
import { READ_MODEL_FILE, openReadModelDatabase } from './read-model.db';
import { rebuildReadModels } from './read-model.rebuild';
import { fileLargeCreditReportCommand } from '../reports/large-credit.filing';
import { buildG14Book } from '../testing/g14-scenario';
import { buildReportBook } from '../testing/report-scenario';
import { RISK, TestBook } from '../testing/test-book';

const today = () => '2025-04-10';

/** What the live projection makes of the whole log, one event at a time in its own batches: the reference. */
async function liveDump(store: EventStore): Promise<string> {
  const live = new BookProjection(store, { today });
  await live.start();
  try {
    return live.dump();
  } finally {
    await live.stop();
  }
}

/** The rebuilt file opened as the live read side opens it: its dump, and the checkpoint it would resume after. */
async function openedDump(store: EventStore, dataDir: string): Promise<{ dump: string; position: bigint | null }> {
  const opened = new BookProjection(store, { dataDir, today });
  await opened.start();
  try {
    return { dump: opened.dump(), position: opened.position() };
  } finally {
    await opened.stop();
  }
}

/** The schema (tables and indexes with the SQL that made them) and journal mode of a read-model file. */
function schemaOf(file: string): { schema: unknown[]; journal: unknown } {
  const db = new Database(file, { fileMustExist: true });
  try {
    return {
      schema: db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all(),
      journal: db.pragma('journal_mode', { simple: true }),
    };
  } finally {
    db.close();
  }
}

/**
 * The rebuild from position zero (read-model.rebuild.ts) must give exactly the rows the live projection gives by
 * applying the events one by one: the same applyEvent, loaded in bulk. Small transactions and statements of three
 * rows make every path run on these small books: full statements, the rows left over at a commit, many transactions.
 */
describe('rebuilding the read models from position zero', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'groupcap-rebuild-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The report book, then a filing of 2025-03-31, a back-dated repayment after it and an event on another stream. */
  async function reportBookWithFiling(): Promise<TestBook> {
    const book = await buildReportBook();
    const live = new BookProjection(book.store, { today });
    await live.start();
    const filable = await live.largeCreditReportForFiling('2025-03-31');
    await live.stop();
    await book.run(fileLargeCreditReportCommand(filable), '2025-04-01', RISK);
    await book.repay('DM2', '5000000', '2025-03-25');
    await book.append([{ type: 'SomethingElse', data: { note: 'not the book' } }], '2025-04-02', RISK, 'another-stream');
    await book.repay('DK1', '1000000', '2025-04-03');
    return book;
  }

  for (const [name, build] of [
    ['the report book with a filing, a repayment after it and another stream', reportBookWithFiling],
    ['the G14 book (relations, the 2018 regime)', () => buildG14Book()],
  ] as const) {
    for (const sizes of [{}, { eventsPerTransaction: 5, rowsPerStatement: 3 }, { eventsPerTransaction: 1, rowsPerStatement: 2 }]) {
      it(`gives the live projection's rows for ${name}, ${JSON.stringify(sizes)}`, async () => {
        const book = await build();
        try {
          const head = (await book.store.headPosition()) as bigint;
          const expected = await liveDump(book.store);
          const applied = await rebuildReadModels(book.store, { dataDir: dir, toPosition: head, ...sizes });
          expect(applied).toBe(head);
          const rebuilt = await openedDump(book.store, dir);
          expect(rebuilt.position).toBe(head);
          // Not a comparison of two empty texts: the books have customers, movements and customer history.
          expect(expected).toMatch(/^customers /m);
          expect(expected).toMatch(/^movements /m);
          expect(expected).toMatch(/^customer_events /m);
          expect(rebuilt.dump).toBe(expected);
        } finally {
          await book.close();
        }
      });
    }
  }

  it('stops at toPosition with its checkpoint there: the live read side resumes after it and ends as a projection of the whole log', async () => {
    const book = await reportBookWithFiling();
    try {
      const head = (await book.store.headPosition()) as bigint;
      const middle = head / 2n;
      const seen: bigint[] = [];
      const applied = await rebuildReadModels(book.store, { dataDir: dir, toPosition: middle, eventsPerTransaction: 4, onEvent: (e) => seen.push(e.position) });
      expect(applied).toBe(middle);
      expect(seen.at(-1)).toBe(middle);
      // Opened on the full log, it applies only what follows the checkpoint (a second application would fail an insert).
      const resumed = await openedDump(book.store, dir);
      expect(resumed.position).toBe(head);
      expect(resumed.dump).toBe(await liveDump(book.store));
    } finally {
      await book.close();
    }
  });

  it('makes the schema the live read side makes, indexes included, in WAL mode', async () => {
    const book = await buildG14Book();
    try {
      await rebuildReadModels(book.store, { dataDir: join(dir, 'rebuilt'), toPosition: (await book.store.headPosition()) as bigint });
      openReadModelDatabase(join(dir, 'live')).close();
      const live = schemaOf(join(dir, 'live', READ_MODEL_FILE));
      expect(live.schema.some((row) => (row as { type: string }).type === 'index')).toBe(true);
      expect(schemaOf(join(dir, 'rebuilt', READ_MODEL_FILE))).toEqual({ schema: live.schema, journal: 'wal' });
    } finally {
      await book.close();
    }
  });

  it('refuses to build over an existing read-model file, and fails on an event it cannot read', async () => {
    const book = await buildReportBook();
    try {
      const head = (await book.store.headPosition()) as bigint;
      openReadModelDatabase(dir).close();
      await expect(rebuildReadModels(book.store, { dataDir: dir, toPosition: head })).rejects.toThrow(/already exists/);
      const garbled: EventStore = Object.assign(Object.create(book.store) as EventStore, {
        readAll: async function* () {
          for await (const event of book.store.readAll()) yield event.position === 3n ? { ...event, type: 'Garbled' } : event;
        },
      });
      await expect(rebuildReadModels(garbled, { dataDir: join(dir, 'other'), toPosition: head })).rejects.toThrow();
    } finally {
      await book.close();
    }
  });
});
