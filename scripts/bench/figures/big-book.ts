import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { openSqliteEventStore } from '@groupcap/event-store';
import { BookProjection } from '@groupcap/projections';
import { snapshotDirectory } from '@groupcap/writer';
import { PAST_QUARTER_END, TODAY, pad } from '../lib/book';
import { CLI_MAIN, Server, benchEnv, mintToken, runNode, sleep, spawnServer, stopServer, waitReady } from '../lib/processes';

/** `npm run cli -- rebuild` on the big book, timed from spawn to exit: every projection from position zero. */
export async function rebuildRun(dir: string, events: number): Promise<{ perSecond: number; seconds: number }> {
  const { seconds } = await runNode([CLI_MAIN, 'rebuild'], benchEnv(dir));
  return { perSecond: events / seconds, seconds };
}

/**
 * One ask of the large-credit report as of the last quarter end, from a freshly opened projection (nothing cached
 * in memory). On rebuilt read models the first ask computes it from the whole book and keeps the date's rows;
 * every later ask reads the kept rows (and refreshes what events since then made stale).
 */
export async function reportRun(dir: string): Promise<{ ms: number; rows: number; openSeconds: number; jsonMs: number }> {
  const store = openSqliteEventStore(dir);
  const t0 = performance.now();
  const projection = new BookProjection(store, { dataDir: dir, today: () => TODAY });
  await projection.start();
  const openSeconds = (performance.now() - t0) / 1000;
  try {
    const t1 = performance.now();
    const report = await projection.largeCreditReport({ asOf: PAST_QUARTER_END });
    const ms = performance.now() - t1;
    const t2 = performance.now();
    JSON.stringify(report);
    return { ms, rows: report.rows.length, openSeconds, jsonMs: performance.now() - t2 };
  } finally {
    await projection.stop();
    await store.close();
  }
}

function hasSnapshot(dir: string): boolean {
  try {
    return readdirSync(snapshotDirectory(dir)).some((f) => !f.startsWith('.'));
  } catch {
    return false;
  }
}

/**
 * kill -9 of the real server holding the big book, then a new process, until a command is accepted: the
 * whole restart path (process and Nest start, snapshot restore and log tail, the projection's catch-up, the
 * first command of the day, with its review of every subject unless the snapshot's book was found reviewed on
 * the day and nothing older followed it).
 */
export async function restartRuns(dir: string, runs: number, log: (m: string) => void): Promise<{ seconds: number[]; firstStartSeconds: number }> {
  const token = mintToken(dir);
  const t0 = performance.now();
  let server: Server = await spawnServer(dir);
  await waitReady(server, 30 * 60_000);
  const firstStartSeconds = (performance.now() - t0) / 1000;
  log(`  server ready on the big book after ${firstStartSeconds.toFixed(1)} s (first start, no snapshot)`);
  const snapshotDeadline = Date.now() + 10 * 60_000;
  while (!hasSnapshot(dir)) {
    if (Date.now() > snapshotDeadline) throw new Error('the writer saved no snapshot within 10 minutes');
    await sleep(200);
  }
  await sleep(2_000); // let the snapshot finish: a kill during the save would leave only the temp file
  const seconds: number[] = [];
  try {
    for (let r = 0; r < runs; r++) {
      const killedAt = performance.now();
      await stopServer(server, 'SIGKILL');
      server = await spawnServer(dir);
      for (let attempt = 0; ; attempt++) {
        if (server.child.exitCode !== null) throw new Error(`server exited:\n${server.log()}`);
        const status = await fetch(`${server.baseUrl}/api/v1/limits/PL-${pad(r)}-0/drawdowns`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ drawdownId: `RESTART-${Date.now()}-${r}-${attempt}`, amount: '1000.00', product: 'loan' }),
        }).then((res) => res.status, () => 0);
        if (status === 201 || status === 202) break;
        if (status !== 0 && status !== 503) throw new Error(`unexpected HTTP ${status} after restart:\n${server.log().slice(-3000)}`);
        if (performance.now() - killedAt > 10 * 60_000) throw new Error('no command accepted within 10 minutes of a restart');
        await sleep(10);
      }
      seconds.push((performance.now() - killedAt) / 1000);
      log(`  restart ${r + 1}: ${seconds[r].toFixed(2)} s`);
      await waitReady(server, 10 * 60_000);
      await sleep(1_000);
    }
  } finally {
    await stopServer(server);
  }
  return { seconds, firstStartSeconds };
}

export interface WriterChildResult {
  startSeconds: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  heapBeforeMb: number;
  heapAfterMb: number;
  firstCommandMs: number;
  /** A review of every subject, submitted before the merges (writer-child.ts). */
  reviewMs: number;
  mergeMs: number[];
}

export async function writerChildRun(dir: string, firstTree: number, merges: number): Promise<WriterChildResult> {
  const child = resolve(__dirname, '../writer-child.js');
  const { stdout } = await runNode(['--expose-gc', '--max-old-space-size=8192', child, dir, String(firstTree), String(merges)], process.env);
  return JSON.parse(stdout.trim().split('\n').pop()!) as WriterChildResult;
}

