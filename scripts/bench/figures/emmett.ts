import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandHandler } from '@event-driven-io/emmett';
import { getSQLiteEventStore, sqliteConnection } from '@event-driven-io/emmett-sqlite';
import { BOOK_STREAM, BookCommand, BookEvent, BookState, decide, evolveOn, initialBookState, isRefusal } from '@groupcap/domain';
import { NewEvent, newEventId, openSqliteEventStore } from '@groupcap/event-store';
import { ACTOR, BOOK_DATE, TODAY, captureTemplate, commandMix, setupEvents, starOfTen } from '../lib/book';
import { SAMPLE_EVENT } from './calibration';
import { closedLoop, commandBookDir, openBenchRuntime } from './commands';

type EmmettBookEvent = { type: string; data: Record<string, unknown>; metadata: { effectiveDate: string } };

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'groupcap-bench-emmett-'));
}

/**
 * emmett-sqlite 0.38.5 opens and closes a connection per call and now and then fails a COMMIT with SQLITE_BUSY
 * ("SQL statements in progress"), which once ended a whole bench run. Such a call is retried (its transaction
 * was rolled back, so nothing was written) and counted: the count is printed beside the figure.
 */
export const emmettBusyRetries = { count: 0 };
async function retryBusy<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 10) throw error;
      emmettBusyRetries.count++;
    }
  }
}

/** What emmett's SQLite connection runs with (it opens the file in WAL; synchronous is SQLite's default). */
export async function emmettPragmas(file: string): Promise<{ journal: string; synchronous: number }> {
  const connection = sqliteConnection({ fileName: file });
  try {
    await connection.command('CREATE TABLE IF NOT EXISTS probe (x)');
    const journal = (await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode'))!.journal_mode;
    const synchronous = (await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous'))!.synchronous;
    return { journal, synchronous };
  } finally {
    connection.close();
  }
}

/**
 * The same append workload on both stores, one after the other: `batches` appends of 100 events to one
 * stream, each durable before the next (both fsync at commit: WAL with synchronous=FULL).
 */
export async function appendComparison(batches: number, run = 0): Promise<{ ours: number; emmett: number; pragmas: { journal: string; synchronous: number } }> {
  const dir = tempDir();
  try {
    // The order alternates by run: whichever store goes second was seen to run slower (the first one's file still
    // being written back), so neither side always pays for it.
    if (run % 2 === 1) {
      const theirs = await emmettAppends(dir, batches);
      return { ours: await ourAppends(dir, batches), ...theirs };
    }
    const ours = await ourAppends(dir, batches);
    return { ours, ...(await emmettAppends(dir, batches)) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function ourAppends(dir: string, batches: number): Promise<number> {
  const ours = openSqliteEventStore(join(dir, 'ours'));
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) {
    const events: NewEvent[] = Array.from({ length: 100 }, () => ({ id: newEventId(), type: SAMPLE_EVENT.type, version: 1, data: SAMPLE_EVENT.data, metadata: SAMPLE_EVENT.metadata }));
    await ours.append('append-bench', events, 'any');
  }
  const rate = (batches * 100) / ((performance.now() - t0) / 1000);
  await ours.close();
  return rate;
}

async function emmettAppends(dir: string, batches: number): Promise<{ emmett: number; pragmas: { journal: string; synchronous: number } }> {
  const file = join(dir, 'emmett.db');
  const emmett = getSQLiteEventStore({ fileName: file });
  await retryBusy(() => emmett.appendToStream('append-bench', [{ type: 'Warm', data: {} }]));
  const pragmas = await emmettPragmas(file);
  const t0 = performance.now();
  for (let b = 0; b < batches; b++) {
    const events = Array.from({ length: 100 }, () => ({ type: SAMPLE_EVENT.type, data: SAMPLE_EVENT.data, metadata: SAMPLE_EVENT.metadata }));
    await retryBusy(() => emmett.appendToStream('append-bench', events));
  }
  return { emmett: (batches * 100) / ((performance.now() - t0) / 1000), pragmas };
}

/**
 * The same read-decide-append command workload: the command book (the same prepared events) and the same
 * mix, decided by the same domain. Emmett's CommandHandler reads the book stream, folds it with evolve,
 * decides, appends with the expected version, one command at a time (concurrent commands on one stream only
 * conflict and retry). Ours: the BookWriter (in-memory state, group commit), 1,000 commands in flight, and
 * for context one at a time.
 */
export async function commandComparison(groups: number, oursCount: number, emmettSeconds: number, run: number) {
  const dir = await commandBookDir(groups);
  let ours: number;
  let oursSequential: number;
  try {
    const rt = await openBenchRuntime(dir, false);
    try {
      const links = { next: 0 };
      await closedLoop(rt.writer, commandMix(groups, 1_000, `ew${run}`, 900 + run, links), 100);
      ours = await closedLoop(rt.writer, commandMix(groups, oursCount, `e${run}`, 300 + run, links), 1_000);
      oursSequential = await closedLoop(rt.writer, commandMix(groups, Math.max(200, oursCount / 20), `es${run}`, 600 + run, links), 1);
    } finally {
      await rt.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const edir = tempDir();
  try {
    const store = getSQLiteEventStore({ fileName: join(edir, 'emmett.db') });
    const toEmmett = (e: { type: string; data: unknown }): EmmettBookEvent => ({ type: e.type, data: e.data as Record<string, unknown>, metadata: { effectiveDate: BOOK_DATE } });
    await retryBusy(() => store.appendToStream(BOOK_STREAM, setupEvents().map(toEmmett)));
    const star = captureTemplate(starOfTen);
    let pending: EmmettBookEvent[] = [];
    for (let g = 0; g < groups; g++) {
      pending.push(...star.instance(g, g + 1).map(toEmmett));
      if (pending.length >= 100 || g === groups - 1) {
        const batch = pending;
        await retryBusy(() => store.appendToStream(BOOK_STREAM, batch));
        pending = [];
      }
    }
    const handle = CommandHandler<BookState, EmmettBookEvent>({
      initialState: () => initialBookState,
      evolve: (state, event) => evolveOn(event.metadata?.effectiveDate ?? BOOK_DATE)(state, { type: event.type, data: event.data } as BookEvent),
    });
    const ctx = { actor: ACTOR, effectiveDate: TODAY, today: TODAY };
    const commands: BookCommand[] = commandMix(groups, 10_000, `m${run}`, 300 + run);
    let n = 0;
    const t0 = performance.now();
    while (n < commands.length && (n < 3 || performance.now() - t0 < emmettSeconds * 1000)) {
      const command = commands[n++];
      await retryBusy(() =>
        handle(store, BOOK_STREAM, (state) => {
          const events = decide(command, state, ctx);
          if (isRefusal(events)) throw new Error(`refused under emmett: ${events.message}`);
          return events.map((e) => ({ type: e.type, data: e.data as Record<string, unknown>, metadata: { effectiveDate: TODAY } }));
        }),
      );
    }
    const emmett = n / ((performance.now() - t0) / 1000);
    return { ours, oursSequential, emmett, emmettCommands: n };
  } finally {
    rmSync(edir, { recursive: true, force: true });
  }
}
