import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BookCommand, Role } from '@groupcap/domain';
import { SqliteEventStore } from '@groupcap/event-store';
import { BookWriter } from '@groupcap/writer';

const officer = { userId: 'bench', roles: ['officer', 'admin'] as Role[] };

export interface ThroughputResult {
  commands: number;
  seconds: number;
  perSecond: number;
  batches: number;
  p50Ms: number;
  p99Ms: number;
}

/** Submits `commands` keeping `inFlight` outstanding at once; every answer means durable (fsynced). */
async function pump(writer: BookWriter, commands: BookCommand[], inFlight: number): Promise<ThroughputResult> {
  const latencies: number[] = [];
  const batchesBefore = writer.stats.batches;
  let next = 0;
  const started = process.hrtime.bigint();
  const lane = async () => {
    while (next < commands.length) {
      const command = commands[next++];
      const t0 = process.hrtime.bigint();
      const outcome = await writer.submit({ command, actor: officer });
      if (outcome.status !== 'accepted') throw new Error(`benchmark command refused: ${JSON.stringify(outcome)}`);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  return {
    commands: commands.length,
    seconds,
    perSecond: commands.length / seconds,
    batches: writer.stats.batches - batchesBefore,
    p50Ms: latencies[Math.floor(latencies.length * 0.5)],
    p99Ms: latencies[Math.floor(latencies.length * 0.99)],
  };
}

/**
 * Durable command throughput of the single writer on the embedded store (target: >= 20,000/s on 2 cores).
 * Book: `customers` enterprises in groups of 5 (a parent holding 60% of four subsidiaries), one limit each;
 * measured: a drawdown and a repayment per customer, `inFlight` callers at once.
 */
export async function writerThroughputBench(customers = 20_000, inFlight = 1_000): Promise<Record<string, ThroughputResult>> {
  const dir = mkdtempSync(join(tmpdir(), 'groupcap-bench-'));
  const store = new SqliteEventStore(join(dir, 'events.db'));
  const writer = new BookWriter(store, { today: () => '2026-03-31' });
  await writer.start();
  try {
    const setup: BookCommand[] = [
      { type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '100000000000.00' },
      { type: 'ChangePolicy', escalationThreshold: '100000000000.00' },
    ];
    for (let i = 0; i < customers; i++) setup.push({ type: 'RegisterCustomer', customerId: `C${i}`, name: `Customer ${i}`, kind: 'enterprise' });
    const register = await pump(writer, setup, inFlight);
    const links: BookCommand[] = [];
    for (let i = 0; i < customers; i++) {
      if (i % 5 !== 0) links.push({ type: 'RecordRelation', relationId: `R${i}`, from: `C${i - (i % 5)}`, to: `C${i}`, relationType: 'equity', share: '0.6' });
    }
    const link = await pump(writer, links, inFlight);
    const grants: BookCommand[] = Array.from({ length: customers }, (_, i) => ({
      type: 'GrantLimit', limitId: `L${i}`, customerId: `C${i}`, amount: '1000000.00', validFrom: '2026-01-01', validTo: '2026-12-31',
    }));
    const grant = await pump(writer, grants, inFlight);
    const drawdowns: BookCommand[] = Array.from({ length: customers }, (_, i) => ({
      type: 'BookDrawdown', drawdownId: `D${i}`, limitId: `L${i}`, amount: '500000.00', product: i % 2 ? 'loan' : 'acceptance', margin: i % 2 ? '0.00' : '100000.00',
    }));
    const drawdown = await pump(writer, drawdowns, inFlight);
    const repayments: BookCommand[] = Array.from({ length: customers }, (_, i) => ({ type: 'BookRepayment', drawdownId: `D${i}`, amount: '100000.00' }));
    const repayment = await pump(writer, repayments, inFlight);
    return { register, link, grant, drawdown, repayment };
  } finally {
    await writer.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
