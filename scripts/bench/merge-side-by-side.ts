import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openSqliteEventStore } from '@groupcap/event-store';
import { calibrateJson, calibrateSqlite } from './figures/calibration';
import { bigBookShape, buildBigBook } from './lib/book';
import { fmt, machineInfo, median } from './lib/figures';
import { runNode } from './lib/processes';
import type { WriterChildResult } from './figures/big-book';

/**
 * `link_merge_ms` of this build (A) beside another build (B), in one sitting: both run the same writer child on
 * fresh copies of one big book, A and B alternating (A B, B A, ...), so load that drifts during the run weighs on
 * both; the calibration is measured before and after. Timings on a shared machine are noisy: quote the ratio.
 * Usage: node dist/scripts/bench/merge-side-by-side.js <other dist dir> [--pairs 6] [--scale 0.1]
 * (the other dist dir is the `dist` of another checkout, built from its own commit).
 */
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const MERGES_PER_RUN = 2;

async function main() {
  const other = args[0] && !args[0].startsWith('--') ? resolve(args[0]) : undefined;
  const childOf = (dist: string) => join(dist, 'scripts/bench/writer-child.js');
  if (!other || !existsSync(childOf(other))) throw new Error('usage: merge-side-by-side.js <other dist dir, holding scripts/bench/writer-child.js> [--pairs N] [--scale S]');
  const pairs = option('--pairs', 6);
  const scale = option('--scale', 0.1);
  const info = machineInfo();
  const calibrate = () => `sqlite ${fmt(calibrateSqlite(1))} rows/s, json ${fmt(calibrateJson(0.5))} events/s`;
  console.log(`${info.cpu} x${info.cores}, ${info.memoryGiB} GiB, node ${info.node}, ${info.date}, commit ${info.commit}${info.dirty ? ' (dirty)' : ''}`);
  console.log(`load ${info.loadBefore.join(' ')}; calibration before: ${calibrate()}`);

  const book = mkdtempSync(join(tmpdir(), 'groupcap-merge-book-'));
  try {
    const shape = bigBookShape(scale, 2 * MERGES_PER_RUN);
    const store = openSqliteEventStore(book);
    const built = await buildBigBook(store, shape);
    await store.close();
    console.log(`book: ${shape.customers} customers, ${built.events} events, ${2 * MERGES_PER_RUN} trees of 1,000`);
    const builds = { A: resolve(__dirname, '../..'), B: other };
    const merges: Record<'A' | 'B', number[]> = { A: [], B: [] };
    const firsts: Record<'A' | 'B', number[]> = { A: [], B: [] };
    for (let p = 0; p < pairs; p++) {
      for (const which of p % 2 === 0 ? (['A', 'B'] as const) : (['B', 'A'] as const)) {
        const dir = mkdtempSync(join(tmpdir(), 'groupcap-merge-run-'));
        try {
          cpSync(book, dir, { recursive: true });
          const { stdout } = await runNode(['--expose-gc', '--max-old-space-size=8192', childOf(builds[which]), dir, '0', String(MERGES_PER_RUN)], process.env);
          const result = JSON.parse(stdout.trim().split('\n').pop() as string) as WriterChildResult;
          merges[which].push(...result.mergeMs);
          firsts[which].push(result.firstCommandMs);
          console.log(`${which}: merges ${result.mergeMs.map(fmt).join(', ')} ms; first command of the day ${fmt(result.firstCommandMs)} ms`);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    }
    const a = median(merges.A);
    const b = median(merges.B);
    console.log(`link_merge_ms median: A ${fmt(a)} ms, B ${fmt(b)} ms, A/B ${fmt(a / b)} (${merges.A.length} merges each)`);
    console.log(`first command of the day median: A ${fmt(median(firsts.A))} ms, B ${fmt(median(firsts.B))} ms`);
    console.log(`load ${machineInfo().loadBefore.join(' ')}; calibration after: ${calibrate()}`);
  } finally {
    rmSync(book, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
