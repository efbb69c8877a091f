import { readFileSync } from 'node:fs';
import { getHeapStatistics, writeHeapSnapshot } from 'node:v8';
import {
  BookCommand,
  BookState,
  EVENT_VERSIONS,
  businessDateOf,
  decideAndEvolve,
  evolveOn,
  initialBookState,
  isRefusal,
  upcast,
  withBookIds,
} from '@groupcap/domain';
import { ACTOR, SETUP, pad } from './lib/book';
// Not part of the writer's public surface: the codec itself, to decode a book as a restart does.
import { decodeBookState, encodeBookState } from '../../libs/writer/src/snapshot/book-state.codec';
import { ColumnReader, ColumnSizes, ColumnWriter } from '../../libs/writer/src/snapshot/snapshot-columns';

/**
 * `node --expose-gc dist/scripts/bench/fact-memory.js [N] [--snapshot]` (docs/benchmarks.md): the bytes the
 * write model holds per fact, by kind, and of them those on the V8 heap. A baseline book is built with the real
 * domain, then N facts of one kind are added at a time and what is live (after a full collection: the heap and
 * the typed arrays outside it) differenced: per customer, per grant, per drawdown, per repayment, per link. The
 * figures do not depend on the machine's load, only on the build.
 *
 * The book is built twice, as the two holders of a book build theirs:
 *  - decided: the writer's way, each command a freshly parsed request body decided on a freshly computed
 *    business date (decideAndEvolve, as book-writer.ts does);
 *  - replayed: a restart's way (the log after its snapshot), each event parsed from its JSON with its effective
 *    date (upcast, withBookIds, evolveOn, as replay-event.ts does);
 *  - decoded: read from a writer snapshot's columns (book-state.codec.ts), as a restart starts; here
 *    the book after each kind is encoded once and decoded alone, and the decoded books' heaps differenced.
 *
 * With --snapshot[=kind] (default drawdown), heap snapshots before and after that kind's facts are written (both
 * ways) and their difference grouped by constructor (strings by length): what one fact costs, object by object.
 */
const N = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 20_000);
/** --snapshot=<kind> (default drawdown): the kind of fact whose heap snapshots are differenced, for both ways. */
const SNAPSHOT = process.argv.find((a) => a.startsWith('--snapshot'))?.replace(/^--snapshot=?/, '') || (process.argv.some((a) => a.startsWith('--snapshot')) ? 'drawdown' : undefined);
/** The writer's clock, stopped: every command is decided on the same business date, computed afresh each time. */
const NOW = new Date('2026-05-15T03:00:00Z');
/** Customers and limits of the baseline book, which every added fact refers to. */
const BASE = 1_000;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

/**
 * The heap in use plus the typed arrays outside it, where the book's drawdown and repayment rows live
 * (drawdown-rows.ts); `v8` is the heap alone, which V8 multiplies into its reserve.
 */
function heapUsed(): { used: number; v8: number } {
  for (let i = 0; i < 3; i++) gc!();
  const { heapUsed: used, arrayBuffers } = process.memoryUsage();
  return { used: used + arrayBuffers, v8: getHeapStatistics().used_heap_size };
}

/** A command as the API receives it: a parsed body, its strings fresh, as no two requests share one. */
const wire = (command: BookCommand): BookCommand => JSON.parse(JSON.stringify(command));

type Phase = { name: string; commands: (n: number) => BookCommand[] };

/**
 * Ids as long as a bank's (more than ten characters): JSON.parse makes every short string it reads one shared
 * string, so ids of a few characters would hide the copies a log of real ids makes.
 */
const customerId = (i: number) => `CUST-${pad(i, 8)}`;
const limitId = (i: number) => `LIM-2025-${pad(i, 6)}`;
const drawdownId = (i: number) => `DD-2026-${pad(i, 8)}`;
const customer = (i: number): BookCommand => ({ type: 'RegisterCustomer', customerId: customerId(i), name: `Customer ${i}`, kind: 'enterprise' });
const grant = (i: number, customer: number): BookCommand => ({ type: 'GrantLimit', limitId: limitId(i), customerId: customerId(customer), amount: '500000000.00', validFrom: '2025-01-01', validTo: '2027-12-31' });

const baseline: BookCommand[] = [
  ...SETUP,
  ...Array.from({ length: BASE }, (_, i) => customer(i)),
  ...Array.from({ length: BASE }, (_, i) => grant(i, i)),
];

/**
 * The soak's mix of facts, each kind on its own: drawdowns spread over the baseline limits (a limit gathers many),
 * one in five an acceptance with a 10% margin, the rest loans; a repayment on each drawdown; guarantees (links
 * that form no group) between baseline customers.
 */
const phases: Phase[] = [
  { name: 'customer', commands: (n) => Array.from({ length: n }, (_, i) => customer(BASE + i)) },
  { name: 'grant', commands: (n) => Array.from({ length: n }, (_, i) => grant(BASE + i, i % BASE)) },
  {
    name: 'drawdown',
    commands: (n) =>
      Array.from({ length: n }, (_, i): BookCommand =>
        i % 5 === 0
          ? { type: 'BookDrawdown', drawdownId: drawdownId(i), limitId: limitId(i % BASE), amount: '1000.00', product: 'acceptance', margin: '100.00' }
          : { type: 'BookDrawdown', drawdownId: drawdownId(i), limitId: limitId(i % BASE), amount: '1000.00', product: 'loan' },
      ),
  },
  { name: 'repayment', commands: (n) => Array.from({ length: n }, (_, i): BookCommand => ({ type: 'BookRepayment', drawdownId: drawdownId(i), amount: '1.00' })) },
  {
    name: 'link',
    commands: (n) =>
      Array.from({ length: n }, (_, k): BookCommand => ({
        type: 'RecordRelation',
        relationId: `REL-${pad(k, 8)}`,
        from: customerId(k % BASE),
        to: customerId((k % BASE + 1 + Math.floor(k / BASE)) % BASE),
        relationType: 'guarantee',
      })),
  },
];

/**
 * A kind's recorded events as the log holds them: JSON texts, outside the heap (as SQLite's pages are), each read
 * and parsed afresh on replay. Held as strings, they would be part of the heap being differenced.
 */
class Recorded {
  private readonly texts: string[] = [];
  private bytes: Buffer | undefined;
  private readonly ends: number[] = [];

  push(text: string): void {
    this.texts.push(text);
  }

  /** Moves the texts out of the heap; read() from then on. */
  seal(): this {
    let end = 0;
    for (const t of this.texts) this.ends.push((end += Buffer.byteLength(t)));
    this.bytes = Buffer.from(this.texts.join(''));
    this.texts.length = 0;
    return this;
  }

  *read(limit = Infinity): Iterable<string> {
    for (let i = 0, start = 0; i < this.ends.length && i < limit; start = this.ends[i++]) yield this.bytes!.toString('utf8', start, this.ends[i]);
  }
}

function decideAll(state: BookState, commands: readonly BookCommand[], log?: Recorded): BookState {
  for (const command of commands) {
    const today = businessDateOf(NOW);
    const decided = decideAndEvolve(wire(command), state, { actor: ACTOR, effectiveDate: today, today });
    if (isRefusal(decided)) throw new Error(`refused: ${JSON.stringify(command)}: ${decided.code} ${decided.message}`);
    state = decided.state;
    for (const e of decided.events) log?.push(JSON.stringify({ type: e.type, version: EVENT_VERSIONS[e.type], data: e.data, metadata: { effectiveDate: today } }));
  }
  return state;
}

function replayAll(state: BookState, log: Iterable<string>): BookState {
  for (const text of log) {
    const recorded = JSON.parse(text) as { type: string; version: number; data: unknown; metadata: { effectiveDate: string } };
    state = evolveOn(recorded.metadata.effectiveDate)(state, withBookIds(state, upcast(recorded.type, recorded.version, recorded.data)));
  }
  return state;
}

/** Heap snapshot nodes (type, name, self size) grouped: objects by constructor, strings by length, the rest by type. */
function heapGroups(file: string): Map<string, { count: number; bytes: number }> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const groups = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]];
    const name = snapshot.strings[snapshot.nodes[i + nameAt]];
    const key =
      type === 'string' || type === 'concatenated string' || type === 'sliced string'
        ? `string of ${name.length} chars`
        : type === 'object' || type === 'closure'
          ? `${type} ${name}`
          : type === 'array' || type === 'hidden' || type === 'code'
            ? `${type} ${name.replace(/\d+/g, '#')}`
            : type;
    const group = groups.get(key) ?? { count: 0, bytes: 0 };
    group.count++;
    group.bytes += snapshot.nodes[i + sizeAt];
    groups.set(key, group);
  }
  return groups;
}

function printGroupDifference(what: string, before: string, after: string, n: number): void {
  const a = heapGroups(before);
  const b = heapGroups(after);
  const rows = [...b]
    .map(([key, g]) => ({ key, count: g.count - (a.get(key)?.count ?? 0), bytes: g.bytes - (a.get(key)?.bytes ?? 0) }))
    .filter((r) => Math.abs(r.bytes) / n >= 0.5)
    .sort((x, y) => y.bytes - x.bytes);
  console.log(`\nper ${what}, by heap snapshot (${before} -> ${after}):`);
  console.log('  bytes   objects  what');
  for (const r of rows) console.log(`  ${(r.bytes / n).toFixed(1).padStart(6)}  ${(r.count / n).toFixed(2).padStart(7)}  ${r.key}`);
  console.log(`  ${(rows.reduce((s, r) => s + r.bytes, 0) / n).toFixed(1).padStart(6)}  total`);
}

function measure(way: 'decided' | 'replayed', logs: Map<string, Recorded>): void {
  const add = (state: BookState, name: string) => (way === 'decided' ? decideAll(state, name === 'baseline' ? baseline : phases.find((p) => p.name === name)!.commands(N)) : replayAll(state, logs.get(name)!.read()));
  let state = add(initialBookState, 'baseline');
  let before = heapUsed();
  const row: string[] = [];
  for (const phase of phases) {
    const snapshotBefore = phase.name === SNAPSHOT ? writeHeapSnapshot(`fact-memory-${way}-before-${process.pid}.heapsnapshot`) : undefined;
    state = add(state, phase.name);
    const after = heapUsed();
    if (snapshotBefore) {
      const snapshotAfter = writeHeapSnapshot(`fact-memory-${way}-after-${process.pid}.heapsnapshot`);
      printGroupDifference(`${way} ${phase.name}`, snapshotBefore, snapshotAfter, N);
    }
    row.push(`${phase.name} ${((after.used - before.used) / N).toFixed(0)} B (heap ${((after.v8 - before.v8) / N).toFixed(0)})`);
    before = heapUsed();
  }
  // Keeps the book alive to the last measurement.
  if (state.drawdowns.size !== N) throw new Error(`expected ${N} drawdowns, got ${state.drawdowns.size}`);
  console.log(`${way.padEnd(8)} per fact: ${row.join(', ')}`);
}

type Encoded = { sizes: ColumnSizes; payload: Buffer };

function encoded(state: BookState): Encoded {
  const w = new ColumnWriter();
  encodeBookState(state, w);
  return w.finish();
}

function measureDecoded(books: Map<string, Encoded>): void {
  /** The heap holding the decoded book alone (and, if `snapshot` is named, a heap snapshot of it). */
  const heapOf = (name: string, snapshot?: string) => {
    const { payload, sizes } = books.get(name)!;
    const state = decodeBookState(new ColumnReader(payload, sizes));
    const used = heapUsed();
    const file = snapshot && writeHeapSnapshot(snapshot);
    // Keeps the decoded book alive to the measurement.
    if (state.customers.size === 0) throw new Error('decoded an empty book');
    return { ...used, file };
  };
  let previous = 'baseline';
  let before = heapOf(previous);
  const row: string[] = [];
  for (const phase of phases) {
    const snapshot = phase.name === SNAPSHOT ? heapOf(previous, `fact-memory-decoded-before-${process.pid}.heapsnapshot`).file : undefined;
    const after = heapOf(phase.name, snapshot && `fact-memory-decoded-after-${process.pid}.heapsnapshot`);
    if (snapshot && after.file) printGroupDifference(`decoded ${phase.name}`, snapshot, after.file, N);
    previous = phase.name;
    row.push(`${phase.name} ${((after.used - before.used) / N).toFixed(0)} B (heap ${((after.v8 - before.v8) / N).toFixed(0)})`);
    before = after;
  }
  console.log(`${'decoded'.padEnd(8)} per fact: ${row.join(', ')}`);
}

function main(): void {
  // The event logs the replay reads, made by deciding the same commands once (outside any measurement).
  const logs = new Map<string, Recorded>();
  // And the book after each kind, encoded (outside the heap) for the decoded measurement.
  const books = new Map<string, Encoded>();
  let state = initialBookState;
  for (const name of ['baseline', ...phases.map((p) => p.name)]) {
    const log = new Recorded();
    state = decideAll(state, name === 'baseline' ? baseline : phases.find((p) => p.name === name)!.commands(N), log);
    logs.set(name, log.seal());
    books.set(name, encoded(state));
  }
  state = initialBookState;
  // Warm-up: the code the measured runs compile is not counted as facts.
  phases.reduce((s, p) => replayAll(s, logs.get(p.name)!.read(2_000)), replayAll(initialBookState, logs.get('baseline')!.read()));
  phases.reduce((s, p) => decideAll(s, p.commands(2_000)), decideAll(initialBookState, baseline));
  console.log(`node ${process.version}, N = ${N} of each kind on a book of ${BASE} customers with a limit each`);
  measure('decided', logs);
  measure('replayed', logs);
  measureDecoded(books);
}

main();
