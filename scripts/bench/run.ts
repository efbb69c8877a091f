import { rmSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteEventStore } from '@groupcap/event-store';
import { bigBookShape, buildBigBook } from './lib/book';
import { Figure, MachineInfo, figure, fmt, jsonLine, machineInfo, median, round } from './lib/figures';
import { rebuildRun, reportRun, restartRuns, writerChildRun } from './figures/big-book';
import { calibrateJson, calibrateSqlite } from './figures/calibration';
import { commandRun } from './figures/commands';
import { appendComparison, commandComparison, emmettBusyRetries } from './figures/emmett';
import { httpRun } from './figures/http';
import { reportAfterBackDatedDrawdownRun } from './figures/large-credit-report';

/**
 * `npm run bench` (full sizes, then the same figures at a tenth of the size to show how cost grows),
 * `npm run bench -- --quick` (the tenth only: CI's smoke test). `--json`: one JSON line per figure;
 * `--md`: the markdown table of docs/benchmarks.md. `--runs N` (default 3; each figure is the median),
 * `--only calibration,commands,http,emmett,big` for development. See docs/benchmarks.md.
 */

interface Sizes {
  label: 'full' | 'quick';
  commandGroups: number;
  commandCount: number;
  openSeconds: number;
  httpSeconds: number;
  httpConnections: number;
  bigScale: number;
  appendBatches: number;
  emmettOursCount: number;
  emmettSeconds: number;
}

const FULL: Sizes = { label: 'full', commandGroups: 1_000, commandCount: 40_000, openSeconds: 10, httpSeconds: 10, httpConnections: 64, bigScale: 1, appendBatches: 300, emmettOursCount: 20_000, emmettSeconds: 15 };
const QUICK: Sizes = { label: 'quick', commandGroups: 100, commandCount: 10_000, openSeconds: 2, httpSeconds: 2, httpConnections: 64, bigScale: 0.1, appendBatches: 50, emmettOursCount: 5_000, emmettSeconds: 3 };
/** 1,000-member trees in the big book: each writer-child run merges two pairs of them. */
const MERGES_PER_RUN = 2;

/** Which calibration a figure is read against: rates are divided by it, times multiplied (operations that fit in that time). */
const CALIBRATION_OF: Record<string, 'sqlite' | 'json' | null> = {
  commands_per_s: 'sqlite',
  command_p99_ms: 'sqlite',
  projection_catch_up_ms: 'json',
  http_drawdowns_per_s: 'sqlite',
  http_p99_ms: 'sqlite',
  rebuild_events_per_s: 'json',
  link_merge_ms: 'sqlite',
  report_ms: 'json',
  restart_s: 'json',
  rss_mb_per_100k_customers: null,
  vs_emmett_append_ratio: null,
  vs_emmett_command_ratio: null,
  vs_emmett_command_ratio_one_in_flight: null,
};

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const quick = flag('--quick');
const asJson = flag('--json');
const asMd = flag('--md');
const runs = Number(option('--runs') ?? 3);
const only = option('--only')?.split(',');
const wants = (part: string) => !only || only.includes(part);
const log = (m: string) => process.stderr.write(`${m}\n`);
const times = <T>(n: number, f: (i: number) => Promise<T>) => Array.from({ length: n }).reduce<Promise<T[]>>(async (acc, _, i) => [...(await acc), await f(i)], Promise.resolve([]));

async function measure(sizes: Sizes): Promise<Figure[]> {
  const figures: Figure[] = [];
  const add = (f: Figure) => {
    figures.push(f);
    log(`  ${f.name} = ${fmt(f.value)} ${f.unit} (runs: ${f.runs.map(fmt).join(', ')})${f.ok === false ? '  MISSED' : ''}${f.note ? `  [${f.note}]` : ''}`);
  };
  const customers = sizes.commandGroups * 10;

  if (wants('commands')) {
    log(`[${sizes.label}] commands: ${customers} customers in ${sizes.commandGroups} groups, writer + projection in process`);
    const r = await times(runs, (i) => commandRun(sizes.commandGroups, sizes.commandCount, sizes.openSeconds, i));
    add(figure('commands_per_s', r.map((x) => x.perSecond), 'commands/s', { op: '>=', value: 20_000 }, `${sizes.commandCount} commands of the mix, 1,000 in flight, every answer fsynced`));
    add(figure('command_p99_ms', r.map((x) => x.p99), 'ms', { op: '<=', value: 10 }, `5,000/s offered for ${sizes.openSeconds} s, open loop; p50 ${fmt(median(r.map((x) => x.p50)))} ms`));
    add(figure('projection_catch_up_ms', r.map((x) => x.projectionCatchUpMs), 'ms', null, 'after the last answer of the closed loop, until the projection had applied it'));
  }

  if (wants('http')) {
    log(`[${sizes.label}] http: the server process on ${customers} customers, autocannon ${sizes.httpConnections} connections`);
    const r = await times(runs, (i) => httpRun(sizes.commandGroups, sizes.httpSeconds, sizes.httpConnections, i));
    const bad = r.reduce((s, x) => s + x.non2xx, 0);
    add(figure('http_drawdowns_per_s', r.map((x) => x.perSecond), 'requests/s', { op: '>=', value: 5_000 }, `POST drawdown, 2xx only, ${sizes.httpSeconds} s; ${bad} non-2xx/errors`));
    add(figure('http_p99_ms', r.map((x) => x.p99), 'ms', { op: '<=', value: 25 }, `autocannon p99 at ${sizes.httpConnections} connections; p50 ${fmt(median(r.map((x) => x.p50)))} ms`));
  }

  if (wants('emmett')) {
    log(`[${sizes.label}] emmett-sqlite comparison`);
    const a = await times(runs, (i) => appendComparison(sizes.appendBatches, i));
    const p = a[0].pragmas;
    add(figure('vs_emmett_append_ratio', a.map((x) => x.ours / x.emmett), 'x', { op: '>=', value: 3 }, `${sizes.appendBatches} appends of 100 events; ours ${fmt(median(a.map((x) => x.ours)))} ev/s, emmett ${fmt(median(a.map((x) => x.emmett)))} ev/s (emmett journal=${p.journal}, synchronous=${p.synchronous}); emmett SQLITE_BUSY retries so far ${emmettBusyRetries.count}`));
    const c = await times(runs, (i) => commandComparison(sizes.commandGroups, sizes.emmettOursCount, sizes.emmettSeconds, i));
    add(figure('vs_emmett_command_ratio', c.map((x) => x.ours / x.emmett), 'x', { op: '>=', value: 100 }, `ours ${fmt(median(c.map((x) => x.ours)))} cmd/s (1,000 in flight), emmett ${fmt(median(c.map((x) => x.emmett)))} cmd/s (${c.map((x) => x.emmettCommands).join('/')} commands; emmett SQLITE_BUSY retries so far ${emmettBusyRetries.count})`));
    add(figure('vs_emmett_command_ratio_one_in_flight', c.map((x) => x.oursSequential / x.emmett), 'x', null, `ours one command at a time ${fmt(median(c.map((x) => x.oursSequential)))} cmd/s`));
  }

  if (wants('big')) {
    const trees = 2 * MERGES_PER_RUN * runs;
    const shape = bigBookShape(sizes.bigScale, trees);
    const dir = mkdtempSync(join(tmpdir(), 'groupcap-bench-big-'));
    try {
      log(`[${sizes.label}] big book: ${shape.customers} customers, ${shape.pairs} groups with credit, ${trees} trees of 1,000`);
      const store = openSqliteEventStore(dir);
      const built = await buildBigBook(store, shape, log);
      await store.close();
      log(`  built ${built.events} events in ${built.seconds.toFixed(1)} s`);
      const rebuild = await times(runs, () => rebuildRun(dir, built.events));
      add(figure('rebuild_events_per_s', rebuild.map((x) => x.perSecond), 'events/s', { op: '>=', value: 1_000_000 }, `CLI rebuild of ${built.events} events, process spawn to exit: ${fmt(median(rebuild.map((x) => x.seconds)))} s`));
      // The first ask after the rebuild computes the date from the whole book and keeps it (in production, the first
      // ask after a quarter end); report_ms is every later ask, from a freshly opened projection.
      const firstAsk = await reportRun(dir);
      const report = await times(runs, () => reportRun(dir));
      const afterDrawdown = await times(runs, (i) => reportAfterBackDatedDrawdownRun(dir, i));
      add(figure('report_ms', report.map((x) => x.ms), 'ms', { op: '<=', value: 1_000 }, `${report[0].rows} rows as of the last quarter end, freshly opened projection, the date kept by an earlier ask; the first ask (whole book, then kept) ${fmt(firstAsk.ms)} ms; after a drawdown back-dated into the quarter (one stale customer) ${fmt(median(afterDrawdown.map((x) => x.ms)))} ms; JSON of it ${fmt(median(report.map((x) => x.jsonMs)))} ms more`));
      const restart = await restartRuns(dir, runs, log);
      add(figure('restart_s', restart.seconds, 's', { op: '<=', value: 5 }, `${built.events} events; kill -9 to the first accepted POST; the very first start (no snapshot) took ${fmt(restart.firstStartSeconds)} s`));
      const child = await times(runs, (i) => writerChildRun(dir, 2 * MERGES_PER_RUN * i, MERGES_PER_RUN));
      const per100k = child.map((x) => (x.rssAfterMb - x.rssBeforeMb) / (shape.customers / 100_000));
      add(figure('rss_mb_per_100k_customers', per100k, 'MB', { op: '<=', value: 200 }, `writer process RSS growth from start to caught up, ${shape.customers} customers; heap ${fmt(median(child.map((x) => x.heapAfterMb - x.heapBeforeMb)))} MB; start from snapshot ${fmt(median(child.map((x) => x.startSeconds)))} s`));
      add(figure('link_merge_ms', child.flatMap((x) => x.mergeMs), 'ms', { op: '<=', value: 5 }, `two 1,000-member groups in a ${shape.customers}-customer book, BookWriter.submit to durable answer, after a review of every subject (${fmt(median(child.map((x) => x.reviewMs)))} ms); first command of the day ${fmt(median(child.map((x) => x.firstCommandMs)))} ms`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}

function calibrationRatio(f: Figure, calibration: Record<string, number>): string {
  const kind = CALIBRATION_OF[f.name];
  if (!kind) return '';
  const c = kind === 'sqlite' ? calibration.sqlite : calibration.json;
  if (!c) return '';
  const ratio = f.unit === 'ms' ? (f.value / 1000) * c : f.unit === 's' ? f.value * c : f.value / c;
  return f.unit === 'ms' || f.unit === 's' ? `${fmt(ratio)} ${kind} ops` : `${fmt(ratio)} × ${kind}`;
}

function markdown(info: MachineInfo, calibration: Figure[], main: Figure[], small: Figure[] | null): string {
  const cal = { sqlite: calibration.find((f) => f.name === 'calibration_sqlite_append_ev_per_s')?.value ?? 0, json: calibration.find((f) => f.name === 'calibration_json_roundtrip_per_s')?.value ?? 0 };
  const lines = [
    `Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGiB} GiB; Node ${info.node}; ${info.date}; load average ${info.loadBefore.join(' ')} before, ${info.loadAfter?.join(' ')} after; commit ${info.commit}${info.dirty ? ' (with uncommitted changes)' : ''}; median of ${runs} runs${quick ? ' (quick sizes)' : ''}.`,
    '',
    '| figure | value | target | ok | vs calibration | runs |' + (small ? ' tenth size | full / tenth |' : ''),
    '|---|---|---|---|---|---|' + (small ? '---|---|' : ''),
  ];
  for (const f of [...calibration, ...main]) {
    const q = small?.find((s) => s.name === f.name);
    const row = [
      f.name,
      `${fmt(f.value)} ${f.unit}`,
      f.target ? `${f.target.op} ${fmt(f.target.value)}` : '',
      f.ok === null ? '' : f.ok ? 'yes' : '**no**',
      calibrationRatio(f, cal),
      f.runs.map(fmt).join(', '),
    ];
    if (small) row.push(q ? `${fmt(q.value)} ${q.unit}` : '', q && q.value !== 0 ? `${fmt(f.value / q.value)}` : '');
    lines.push(`| ${row.join(' | ')} |`);
  }
  lines.push('', 'Notes:', ...main.filter((f) => f.note).map((f) => `- \`${f.name}\`: ${f.note}`));
  if (small) lines.push(...small.filter((f) => f.note).map((f) => `- \`${f.name}\` (tenth): ${f.note}`));
  return lines.join('\n');
}

async function main() {
  const info = machineInfo();
  log(`groupcap bench (${quick ? 'quick' : 'full + tenth'}), ${info.cpu} x${info.cores}, load ${info.loadBefore.join(' ')}, commit ${info.commit}`);
  const calibration: Figure[] = [];
  {
    // Always first: every other figure is read against what this machine did in this run.
    const s = [];
    const j = [];
    for (let i = 0; i < runs; i++) {
      s.push(calibrateSqlite(quick ? 1 : 2));
      j.push(calibrateJson(quick ? 0.5 : 1));
    }
    calibration.push(figure('calibration_sqlite_append_ev_per_s', s, 'rows/s', null, 'raw better-sqlite3, WAL, synchronous=FULL, 100 rows per transaction'));
    calibration.push(figure('calibration_json_roundtrip_per_s', j, 'events/s', null, 'JSON.stringify + JSON.parse of one event with metadata'));
    log(`  calibration: sqlite ${fmt(calibration[0].value)} rows/s, json ${fmt(calibration[1].value)} events/s`);
  }
  const main = await measure(quick ? QUICK : FULL);
  const small = quick ? null : await measure(QUICK);
  info.loadAfter = loadavg().map((l) => Math.round(l * 100) / 100);

  if (asJson) {
    for (const f of [...calibration, ...main]) console.log(jsonLine(f));
    for (const f of small ?? []) {
      const big = main.find((m) => m.name === f.name);
      if (big && f.value !== 0) console.log(JSON.stringify({ name: `${f.name}_full_over_tenth`, value: round(big.value / f.value), unit: 'x', target: null, ok: null }));
    }
  }
  if (asMd || !asJson) console.log(markdown(info, calibration, main, small));
  // Missed targets are reported, never turned into a failure: benchmarks do not gate anything by time.
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
