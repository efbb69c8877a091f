import { groupMergeBench } from './group-merge.bench';
import { writerThroughputBench } from './writer-throughput.bench';

/** `npm run bench`: performance figures live here, never in timed unit tests. See docs/benchmarks.md. */
async function main() {
  const customers = Number(process.env.BENCH_CUSTOMERS ?? 20_000);
  console.log(`writer throughput on the embedded store (${customers} customers, durable, 1,000 callers in flight)`);
  const results = await writerThroughputBench(customers);
  console.table(
    Object.fromEntries(
      Object.entries(results).map(([phase, r]) => [
        phase,
        { commands: r.commands, 'cmd/s': Math.round(r.perSecond), batches: r.batches, 'p50 ms': r.p50Ms.toFixed(1), 'p99 ms': r.p99Ms.toFixed(1) },
      ]),
    ),
  );
  const bookSize = Number(process.env.BENCH_BOOK_CUSTOMERS ?? 1_000_000);
  const merges = [groupMergeBench(bookSize), groupMergeBench(bookSize, 1_000, 50, true)];
  console.log(`\nmerge of two 1,000-member groups in a ${bookSize}-customer book (target: under 5 ms)`);
  console.table(
    Object.fromEntries(
      merges.map((m) => [
        m.limitPerMember ? 'a limit on every member' : 'no credit yet',
        { 'median ms': m.medianMs.toFixed(2), 'p95 ms': m.p95Ms.toFixed(2), 'GroupsMerged events': m.mergeEvents, 'book built in s': m.buildSeconds.toFixed(1) },
      ]),
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
