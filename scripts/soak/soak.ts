import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken, sleep, spawnServer, stopServer, waitReady } from '../bench/lib/processes';

/**
 * `npm run soak` (never in CI; docs/reliability.md): the real server under mixed load over HTTP for SOAK_MINUTES
 * (default 10), sampling the server's resident memory and the window's latency percentiles every SOAK_SAMPLE_S
 * seconds (default 30) into a CSV (SOAK_CSV, default soak-<time>.csv in the working folder). Exits 1 when memory
 * did not stay flat: the last third of the samples' median RSS more than 25% above the first third's (the first
 * sample, the warm-up, left out). The book grows as it would in a day (every drawdown is a new fact, and one
 * command in ten carries an Idempotency-Key, kept for its retention), so "flat" allows for that growth.
 * SOAK_READ_SHARE (default 0.5, 0 to 0.9) of the requests are reads of customer data, as an officer makes them: a
 * customer, a limit with its drawdowns, a group. Each leaves an access record. Lists are left out: each reads the
 * whole book (docs/benchmarks.md), so their cost would grow with the soak's book, which is not what this measures.
 * The groups list as of the business date is kept (views/group.kept.ts), but it costs the groups changed since the
 * last ask, and here every group changes within a second (500 customers in 50 groups, 100 commands a second): as
 * one read in ten it fell behind after three minutes (docs/reliability.md, Soak).
 */
const MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const SAMPLE_S = Number(process.env.SOAK_SAMPLE_S ?? 30);
/**
 * SOAK_RATE requests/s offered open loop (default 200, reads and commands together, several times a large bank's
 * busiest hour), latency taken from each request's intended send time; SOAK_RATE=0 runs SOAK_LANES closed loops as
 * fast as the server answers (a stress run: the book then grows by what a bank books in days, and memory with it).
 */
const RATE = Number(process.env.SOAK_RATE ?? 200);
const READ_SHARE = Number(process.env.SOAK_READ_SHARE ?? 0.5);
const LANES = Number(process.env.SOAK_LANES ?? 16);
const CSV = process.env.SOAK_CSV ?? `soak-${new Date().toISOString().replace(/[:.]/g, '-')}.csv`;
/** Extra node flags for the server, e.g. `--heapsnapshot-signal=SIGUSR2` to see what grows (docs/reliability.md). */
const NODE_ARGS = (process.env.SOAK_NODE_ARGS ?? '').split(' ').filter(Boolean);
/** Sample numbers (1-based, comma-separated) after which the server is sent SIGUSR2 (a heap snapshot with the flag above). */
const SIGNAL_AT = new Set((process.env.SOAK_SIGNAL_AT ?? '').split(',').filter(Boolean).map(Number));
const GROUPS = 50;
const MEMBERS = 10;

const percentile = (sorted: number[], p: number) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]);
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : NaN;
}

/** The main thread's V8 heap (used, reserved) and memory outside it (Buffers, SQLite's is not counted), from /metrics. */
async function heapMb(baseUrl: string, token: string): Promise<{ used: number; total: number; external: number }> {
  const text = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.text(), () => '');
  const gauge = (name: string) => Number(new RegExp(`^groupcap_nodejs_${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN) / 1048576;
  return { used: gauge('heap_size_used_bytes'), total: gauge('heap_size_total_bytes'), external: gauge('external_memory_bytes') };
}

/**
 * What each thread's heap held after its last full collection (V8's --trace-gc lines on the server's stdout): the
 * live data, apart from what V8 keeps in reserve. The first isolate to collect is the main thread; the others are workers.
 */
function liveHeaps(child: { stdout: NodeJS.ReadableStream | null }): () => { main: number; workers: number } {
  const last = new Map<string, number>();
  let main: string | undefined;
  let pending = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const gc = /^\[\d+:(0x[0-9a-f]+)\]\s+\d+ ms: /.exec(line);
      if (!gc) continue;
      // The main thread collects (scavenges) while it starts, before any worker exists.
      main ??= gc[1];
      const full = /Mark-Compact.* -> ([\d.]+) \(/.exec(line);
      if (full) last.set(gc[1], Number(full[1]));
    }
  });
  return () => {
    let workers = 0;
    for (const [isolate, mb] of last) if (isolate !== main) workers += mb;
    return { main: main === undefined ? NaN : last.get(main) ?? NaN, workers };
  };
}

async function main() {
  if (!(READ_SHARE >= 0 && READ_SHARE <= 0.9)) throw new Error('SOAK_READ_SHARE must be from 0 to 0.9');
  const dir = mkdtempSync(join(tmpdir(), 'groupcap-soak-'));
  const server = await spawnServer(dir, ['--trace-gc', ...NODE_ARGS]);
  const live = liveHeaps(server.child);
  // SOAK_SERVER_LOG: the server's output, with --trace-gc's line for every collection (heap before and after).
  if (process.env.SOAK_SERVER_LOG) server.child.stdout?.pipe(createWriteStream(process.env.SOAK_SERVER_LOG));
  try {
    await waitReady(server, 60_000);
    const officer = mintToken(dir, 'officer');
    const admin = mintToken(dir, 'admin');
    const call = async (token: string, method: string, path: string, body?: unknown, key?: string) => {
      const r = await fetch(`${server.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body !== undefined && { 'content-type': 'application/json' }), ...(key && { 'idempotency-key': key }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      await r.arrayBuffer();
      return r.status;
    };
    const must = async (status: Promise<number>) => {
      const s = await status;
      if (s >= 300) throw new Error(`setup command answered ${s}`);
    };
    await must(call(admin, 'PUT', '/api/v1/capital', { asOf: '2025-12-31', netCapital: '100000000000.00' }));
    await must(call(admin, 'PUT', '/api/v1/policy', { escalationThreshold: '100000000000.00' }));
    for (let g = 0; g < GROUPS; g++) {
      for (let m = 0; m < MEMBERS; m++) {
        await must(call(officer, 'POST', '/api/v1/customers', { customerId: `S-${g}-${m}`, name: `Soak ${g}-${m}`, kind: 'enterprise' }));
        await must(call(officer, 'POST', '/api/v1/limits', { limitId: `SL-${g}-${m}`, customerId: `S-${g}-${m}`, amount: '500000000.00', validFrom: '2025-01-01', validTo: '2027-12-31' }));
        if (m > 0) await must(call(officer, 'POST', '/api/v1/relations', { relationId: `SR-${g}-${m}`, from: `S-${g}-0`, to: `S-${g}-${m}`, type: 'equity', share: '0.6' }));
      }
    }

    // Each star's group, as the customer read gives it.
    const groupIds: string[] = [];
    for (let g = 0; g < GROUPS; g++) {
      const r = await fetch(`${server.baseUrl}/api/v1/customers/S-${g}-0`, { headers: { authorization: `Bearer ${officer}` } });
      const { groupId } = (await r.json()) as { groupId: string | null };
      if (!groupId) throw new Error(`setup: S-${g}-0 formed no group`);
      groupIds.push(groupId);
    }

    let seq = 0;
    let reads = 0;
    let readCredit = 0;
    let links = 0;
    const drawn: string[] = [];
    let window: number[] = [];
    /** The window's latencies of reads alone, apart from the commands'. */
    let readWindow: number[] = [];
    let errors = 0;
    /** Answers by status (599: no answer, the connection failed), printed at the end: a 5xx or a 599 fails the soak. */
    const statuses = new Map<number, number>();
    let done = false;
    const command = (): [string, unknown] => {
      const n = ++seq;
      const g = n % GROUPS;
      const m = Math.floor(n / GROUPS) % MEMBERS;
      const r = n % 10;
      if (r < 6 || drawn.length === 0) return [`/api/v1/limits/SL-${g}-${m}/drawdowns`, { drawdownId: `SD-${n}`, amount: '1000.00', product: 'loan' }];
      if (r < 8) return [`/api/v1/drawdowns/${drawn[n % drawn.length]}/repayments`, { amount: '1.00' }];
      if (r < 9) return ['/api/v1/limits', { limitId: `SN-${n}`, customerId: `S-${g}-${m}`, amount: '1000.00', validFrom: '2025-01-01', validTo: '2027-12-31' }];
      // A guarantee (a related party, never a group) between two customers not yet linked: pair k of the 500 x 499
      // ordered pairs, so none answers RELATION_EXISTS for the first 249,500 links.
      const k = links++;
      const customers = GROUPS * MEMBERS;
      const from = k % customers;
      const to = (from + 1 + Math.floor(k / customers)) % customers;
      const id = (i: number) => `S-${Math.floor(i / MEMBERS)}-${i % MEMBERS}`;
      return ['/api/v1/relations', { relationId: `SX-${n}`, from: id(from), to: id(to), type: 'guarantee' }];
    };
    const read = (): string => {
      const n = ++reads;
      const g = n % GROUPS;
      const m = Math.floor(n / GROUPS) % MEMBERS;
      const r = n % 10;
      if (r < 4) return `/api/v1/customers/S-${g}-${m}`;
      if (r < 7) return `/api/v1/limits/SL-${g}-${m}`;
      return `/api/v1/groups/${groupIds[g]}`;
    };
    const send = async (intended: number) => {
      readCredit += READ_SHARE;
      const isRead = readCredit >= 1;
      if (isRead) readCredit -= 1;
      const [path, body] = isRead ? [read(), undefined] : command();
      const status = await (isRead ? call(officer, 'GET', path) : call(officer, 'POST', path, body, seq % 10 === 0 ? `soak-${seq}` : undefined)).catch(() => 599);
      window.push(performance.now() - intended);
      if (isRead) readWindow.push(performance.now() - intended);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) errors++;
      if (status === 201 && path.endsWith('/drawdowns')) drawn.push((body as { drawdownId: string }).drawdownId);
    };
    const lane = async () => {
      while (!done) await send(performance.now());
    };
    // Open loop: the i-th command is due at start + i / RATE whatever the answers before it, so a slow answer shows
    // in the latency of every command due meanwhile (no coordinated omission).
    const openLoop = async () => {
      const start = performance.now();
      const inFlight = new Set<Promise<void>>();
      for (let i = 0; !done; i++) {
        const due = start + (i * 1000) / RATE;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const p = send(due).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      await Promise.all(inFlight);
    };
    const lanes = RATE > 0 ? [openLoop()] : Array.from({ length: LANES }, lane);
    const rows: { at: number; rss: number; live: number; commands: number }[] = [];
    writeFileSync(CSV, 'elapsed_s,requests,per_s,p50_ms,p99_ms,rss_mb,heap_used_mb,heap_total_mb,external_mb,live_heap_mb,worker_live_mb,errors,commands_sent,read_p50_ms,read_p99_ms\n');
    const t0 = performance.now();
    while ((performance.now() - t0) / 60_000 < MINUTES) {
      await sleep(SAMPLE_S * 1000);
      const sorted = window.sort((a, b) => a - b);
      const readsSorted = readWindow.sort((a, b) => a - b);
      window = [];
      readWindow = [];
      const rss = rssMb(server.child.pid as number);
      const heap = await heapMb(server.baseUrl, admin);
      const heaps = live();
      const at = Math.round((performance.now() - t0) / 1000);
      rows.push({ at, rss, live: heaps.main, commands: seq });
      const line = [at, sorted.length, (sorted.length / SAMPLE_S).toFixed(0), percentile(sorted, 50).toFixed(1), percentile(sorted, 99).toFixed(1), rss.toFixed(1), heap.used.toFixed(1), heap.total.toFixed(1), heap.external.toFixed(1), heaps.main.toFixed(1), heaps.workers.toFixed(1), errors, seq, percentile(readsSorted, 50).toFixed(1), percentile(readsSorted, 99).toFixed(1)].join(',');
      writeFileSync(CSV, `${line}\n`, { flag: 'a' });
      console.log(line);
      if (SIGNAL_AT.has(rows.length)) server.child.kill('SIGUSR2');
    }
    done = true;
    await Promise.all(lanes);
    const samples = rows.slice(1).map((r) => r.rss);
    const third = Math.max(1, Math.floor(samples.length / 3));
    const first = median(samples.slice(0, third));
    const last = median(samples.slice(-third));
    const flat = last <= first * 1.25 && errors === 0;
    // The write model keeps every fact (docs/domain.md, the time model), so part of any growth is the book's own: the
    // live heap's growth per command says how much; the rest of RSS's is what V8 and the C heap keep in reserve.
    const perCommandKb = (key: 'rss' | 'live') =>
      rows.length > 1 ? ((rows[rows.length - 1][key] - rows[0][key]) * 1024) / Math.max(1, rows[rows.length - 1].commands - rows[0].commands) : NaN;
    console.log(
      `memory: first third ${first.toFixed(1)} MB, last third ${last.toFixed(1)} MB; per command after warm-up ${perCommandKb('rss').toFixed(2)} KB of RSS, ` +
        `${perCommandKb('live').toFixed(2)} KB of live heap; 5xx or no answer ${errors}; answers by status ${[...statuses].sort((a, b) => a[0] - b[0]).map(([status, n]) => `${status}: ${n}`).join(', ')}; ${flat ? 'flat' : 'NOT flat'}; CSV ${CSV}`,
    );
    process.exitCode = flat ? 0 : 1;
  } finally {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
