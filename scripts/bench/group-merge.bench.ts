import { BookEvent, BookState, decide, evolve, initialBookState, isRefusal } from '@groupcap/domain';

const ctx = { actor: { userId: 'bench', roles: ['officer' as const] }, effectiveDate: '2026-03-31', today: '2026-03-31' };
const id = (i: number) => `C${String(i).padStart(7, '0')}`;

function accept(state: BookState, command: Parameters<typeof decide>[0]): BookState {
  const events = decide(command, state, ctx);
  if (isRefusal(events)) throw new Error(`${events.code}: ${events.message}`);
  return events.reduce(evolve, state);
}

/**
 * Target: a link that merges two 1,000-member groups is decided in under 5 ms inside a 1,000,000-customer
 * book. The book is built once; decide() is pure, so the same link is decided repeatedly against it.
 */
export function groupMergeBench(customers = 1_000_000, size = 1_000, runs = 50, limitPerMember = false) {
  const t0 = Date.now();
  let state = initialBookState;
  for (let i = 0; i < customers; i++) {
    const event: BookEvent = { type: 'CustomerRegistered', data: { customerId: id(i), name: `Customer ${i}`, kind: 'enterprise', creditCode: null } };
    state = evolve(state, event);
  }
  state = accept(state, { type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '100000000000.00' });
  // Two binary holding trees of `size` members each: member k is 60% held by member (k - 1) / 2.
  for (const start of [0, size]) {
    for (let k = 1; k < size; k++) {
      state = accept(state, { type: 'RecordRelation', relationId: `R${start + k}`, from: id(start + ((k - 1) >> 1)), to: id(start + k), relationType: 'equity', share: '0.6' });
    }
  }
  if (limitPerMember) {
    // A limit on every member: the survivor rule and the breach check then sum real credit.
    state = accept(state, { type: 'ChangePolicy', escalationThreshold: '100000000000.00' });
    for (let k = 0; k < 2 * size; k++) {
      state = accept(state, { type: 'GrantLimit', limitId: `L${k}`, customerId: id(k), amount: '1000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' });
    }
  }
  const buildSeconds = (Date.now() - t0) / 1000;
  const link = { type: 'RecordRelation' as const, relationId: 'MERGE', from: id(size - 1), to: id(2 * size - 1), relationType: 'deemed-group' as const };
  const timings: number[] = [];
  let merged = 0;
  for (let r = 0; r < runs; r++) {
    const t = process.hrtime.bigint();
    const events = decide(link, state, ctx);
    timings.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (isRefusal(events)) throw new Error(events.message);
    merged = events.filter((e) => e.type === 'GroupsMerged').length;
  }
  timings.sort((a, b) => a - b);
  return {
    customers,
    groupSize: size,
    limitPerMember,
    buildSeconds,
    mergeEvents: merged,
    medianMs: timings[Math.floor(runs / 2)],
    p95Ms: timings[Math.floor(runs * 0.95)],
    firstMs: timings[0],
  };
}
