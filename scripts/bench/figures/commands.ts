import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BookCommand } from '@groupcap/domain';
import { EventStore, openSqliteEventStore } from '@groupcap/event-store';
import { BookProjection } from '@groupcap/projections';
import { BookWriter, FileSnapshotStore, WriterThread, snapshotDirectory } from '@groupcap/writer';
import { ACTOR, LinkCursor, TODAY, buildCommandBook, commandMix } from '../lib/book';
import { percentile } from '../lib/figures';

/** The writer on the bench's thread, or on a thread of its own (WRITER_THREAD=worker). */
export type Writer = BookWriter | WriterThread;

export interface Runtime {
  dir: string;
  store: EventStore;
  writer: Writer;
  projection: BookProjection | null;
  stop(): Promise<void>;
}

/** The production wiring of apps/api's openRuntime, rebuilt from the libraries' public classes. */
export async function openBenchRuntime(dir: string, withProjection: boolean): Promise<Runtime> {
  const store = openSqliteEventStore(dir);
  const today = () => TODAY;
  // On a thread of its own with WRITER_THREAD=worker, as openRuntime does (followed here as by the server).
  const writer =
    process.env.WRITER_THREAD === 'worker'
      ? new WriterThread({ eventStoreDir: dir, businessDate: TODAY, idempotencyRetentionMs: 7 * 24 * 3600_000 }, { onAppended: () => store.wakeSubscriptions() })
      : new BookWriter(store, { today, snapshots: new FileSnapshotStore(snapshotDirectory(dir)), onSnapshotProblem: () => undefined });
  // Applied on a thread of its own, as openRuntime does unless PROJECTION_THREAD=inline (which the server and this
  // runtime both follow, so the two can be compared in one build).
  const applyOnThread = process.env.PROJECTION_THREAD === 'inline' ? undefined : { eventStoreDir: dir };
  const projection = withProjection ? new BookProjection(store, { dataDir: dir, today, applyOnThread }) : null;
  // In openRuntime's order: the writer, then the read side.
  await writer.start();
  await projection?.start();
  return {
    dir,
    store,
    writer,
    projection,
    async stop() {
      await writer.stop();
      await projection?.stop();
      await store.close();
    },
  };
}

/** A fresh temporary data directory holding the command book of `groups` stars of ten. */
export async function commandBookDir(groups: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'groupcap-bench-commands-'));
  const store = openSqliteEventStore(dir);
  await buildCommandBook(store, groups);
  await store.close();
  return dir;
}

async function submitOrThrow(writer: Writer, command: BookCommand): Promise<void> {
  const outcome = await writer.submit({ command, actor: ACTOR });
  if (outcome.status !== 'accepted') throw new Error(`benchmark command refused: ${JSON.stringify(command)} -> ${JSON.stringify(outcome)}`);
}

/** Closed loop: `inFlight` callers each submit their next command as soon as the previous one is durable. */
export async function closedLoop(writer: Writer, commands: BookCommand[], inFlight: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  const lane = async () => {
    while (next < commands.length) await submitOrThrow(writer, commands[next++]);
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  return commands.length / ((performance.now() - t0) / 1000);
}

/**
 * Open loop: command i is due at t0 + i / rate whatever happened before (no coordinated omission); its
 * latency runs from that intended time to the durable answer.
 */
export async function openLoop(writer: Writer, commands: BookCommand[], rate: number): Promise<{ p50: number; p99: number; max: number; achieved: number }> {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  const t0 = performance.now();
  let i = 0;
  while (i < commands.length) {
    const now = performance.now();
    while (i < commands.length && t0 + (i * 1000) / rate <= now) {
      const intended = t0 + (i * 1000) / rate;
      const command = commands[i++];
      pending.push(submitOrThrow(writer, command).then(() => void latencies.push(performance.now() - intended)));
    }
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - t0) / 1000;
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: percentile(latencies, 100), achieved: commands.length / seconds };
}

export interface CommandRun {
  perSecond: number;
  projectionCatchUpMs: number;
  p99: number;
  p50: number;
  startSeconds: number;
  events: number;
}

/**
 * One run on a fresh command book: the writer (with snapshots) and the projection in this process, as
 * apps/api wires them; a warm-up; `count` commands of the mix closed-loop with 1,000 in flight; then
 * `openSeconds` at 5,000 commands/s offered, open loop.
 */
export async function commandRun(groups: number, count: number, openSeconds: number, run: number): Promise<CommandRun> {
  const dir = await commandBookDir(groups);
  try {
    const t0 = performance.now();
    const rt = await openBenchRuntime(dir, true);
    const startSeconds = (performance.now() - t0) / 1000;
    try {
      const links: LinkCursor = { next: 0 };
      await closedLoop(rt.writer, commandMix(groups, 2_000, `w${run}`, 1000 + run, links), 200);
      const perSecond = await closedLoop(rt.writer, commandMix(groups, count, `c${run}`, run + 1, links), 1_000);
      const t1 = performance.now();
      const head = (await rt.store.headPosition())!;
      const caughtUp = await rt.projection!.waitFor(head, 120_000);
      if (!caughtUp) throw new Error('projection did not catch up within 120 s');
      const projectionCatchUpMs = performance.now() - t1;
      const open = await openLoop(rt.writer, commandMix(groups, Math.round(5_000 * openSeconds), `o${run}`, 77 + run, links), 5_000);
      return { perSecond, projectionCatchUpMs, p99: open.p99, p50: open.p50, startSeconds, events: Number((await rt.store.headPosition()) ?? 0n) };
    } finally {
      await rt.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
