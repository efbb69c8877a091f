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
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
