import { randomUUID } from 'node:crypto';
import { BOOK_STREAM, BookCommand, BookState, EVENT_VERSIONS, Role, decideAndEvolve, initialBookState, isRefusal } from '@groupcap/domain';
import { EventStore, NewEvent } from '@groupcap/event-store';

/**
 * Large books are built fast and still honestly: each shape of customer (a standalone customer, a group of
 * two, a star of ten, a 1,000-member holding tree) is decided ONCE by the real domain (decide/evolve, public
 * entry point), and the events it produced are replicated with fresh ids into the store in 10,000-event
 * appends. The writer and the projections then load that log exactly as they load any log on start.
 * Groups are independent of each other, so a replica is the event stream the domain would have produced.
 */

/** Business dates of the benchmark: the book is effective mid-2025; "today" is after the 2025-12-31 quarter end. */
export const BOOK_DATE = '2025-07-01';
export const TODAY = '2026-05-15';
export const PAST_QUARTER_END = '2025-12-31';
export const ACTOR = { userId: 'bench', roles: ['officer', 'admin'] as Role[] };

const TOKEN = 'QQQQQQ';
const TEMPLATE_GROUP = '"G000001"';

export const pad = (n: number, width = 6) => String(n).padStart(width, '0');

/** Setup every book starts with: net capital large enough that caps do not bind, no escalation to approvers. */
export const SETUP: BookCommand[] = [
  { type: 'DeclareNetCapital', asOf: '2025-06-30', netCapital: '1000000000000.00' },
  { type: 'ChangePolicy', escalationThreshold: '1000000000000.00' },
];

interface TemplateEvent {
  type: string;
  version: number;
  /** JSON of the event data, ids containing TOKEN and the template's group id G000001. */
  json: string;
  hasToken: boolean;
}

export class Template {
  constructor(readonly events: readonly TemplateEvent[]) {}

  /** The template's events for replica `index`, its group (if it forms one) numbered `groupNumber`. */
  instance(index: number, groupNumber?: number): { type: string; version: number; data: unknown }[] {
    const id = pad(index);
    const group = groupNumber === undefined ? undefined : `"G${pad(groupNumber)}"`;
    return this.events.map((e) => {
      let json = e.hasToken ? e.json.split(TOKEN).join(id) : e.json;
      if (group !== undefined) json = json.split(TEMPLATE_GROUP).join(group);
      return { type: e.type, version: e.version, data: JSON.parse(json) };
    });
  }
}

/** Decides `commands(TOKEN)` on a fresh book (after SETUP) and keeps the events as a template. */
export function captureTemplate(commands: (token: string) => BookCommand[]): Template {
  let state: BookState = initialBookState;
  const ctx = { actor: ACTOR, effectiveDate: BOOK_DATE, today: BOOK_DATE };
  const run = (command: BookCommand) => {
    const decided = decideAndEvolve(command, state, ctx);
    if (isRefusal(decided)) throw new Error(`template command refused: ${JSON.stringify(command)}: ${JSON.stringify(decided)}`);
    state = decided.state;
    return decided.events;
  };
  SETUP.forEach(run);
  const events: TemplateEvent[] = [];
  for (const command of commands(TOKEN)) {
    for (const event of run(command)) {
      const json = JSON.stringify(event.data);
      if (/"G0000(0[2-9]|[1-9]\d)"/.test(json)) throw new Error('a template may form one group only');
      events.push({ type: event.type, version: EVENT_VERSIONS[event.type], json, hasToken: json.includes(TOKEN) });
    }
  }
  return new Template(events);
}

/** The SETUP commands' own events, decided once. */
export function setupEvents(): { type: string; version: number; data: unknown }[] {
  let state: BookState = initialBookState;
  const ctx = { actor: ACTOR, effectiveDate: BOOK_DATE, today: BOOK_DATE };
  const out: { type: string; version: number; data: unknown }[] = [];
  for (const command of SETUP) {
    const decided = decideAndEvolve(command, state, ctx);
    if (isRefusal(decided)) throw new Error(decided.message);
    state = decided.state;
    for (const e of decided.events) out.push({ type: e.type, version: EVENT_VERSIONS[e.type], data: e.data });
  }
  return out;
}

/** Appends prepared events to the book stream in big transactions (one fsync per `batch`). */
export class LogLoader {
  private pending: NewEvent[] = [];
  count = 0;
  constructor(private readonly store: EventStore, private readonly batch = 10_000) {}

  async push(events: readonly { type: string; version: number; data: unknown }[]): Promise<void> {
    for (const e of events) {
      const commandId = randomUUID();
      this.pending.push({
        id: randomUUID(),
        type: e.type,
        version: e.version,
        data: e.data,
        metadata: { commandId, correlationId: commandId, causationId: commandId, actor: ACTOR, recordedAt: `${BOOK_DATE}T02:00:00.000Z`, effectiveDate: BOOK_DATE },
      });
    }
    if (this.pending.length >= this.batch) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const events = this.pending;
    this.pending = [];
    await this.store.append(BOOK_STREAM, events, 'any');
    this.count += events.length;
  }
}

// ---- shapes -------------------------------------------------------------------------------------------

/** Star of ten (parent holds 60% of nine), a limit and one drawdown on every member: the command book's group. */
export function starOfTen(t: string): BookCommand[] {
  const c: BookCommand[] = [];
  for (let k = 0; k < 10; k++) c.push({ type: 'RegisterCustomer', customerId: `C-${t}-${k}`, name: `Customer ${t}-${k}`, kind: 'enterprise' });
  for (let k = 1; k < 10; k++) c.push({ type: 'RecordRelation', relationId: `R-${t}-${k}`, from: `C-${t}-0`, to: `C-${t}-${k}`, relationType: 'equity', share: '0.6' });
  for (let k = 0; k < 10; k++) c.push({ type: 'GrantLimit', limitId: `L-${t}-${k}`, customerId: `C-${t}-${k}`, amount: '1000000000.00', validFrom: '2025-01-01', validTo: '2027-12-31' });
  for (let k = 0; k < 10; k++) c.push({ type: 'BookDrawdown', drawdownId: `D-${t}-${k}`, limitId: `L-${t}-${k}`, amount: '50000000.00', product: k % 3 ? 'loan' : 'acceptance', margin: k % 3 ? undefined : '5000000.00' });
  return c;
}

/** Group of two with credit and some repayment history: the big book's 100,000 groups. 12 events. */
export function pairWithHistory(t: string): BookCommand[] {
  return [
    { type: 'RegisterCustomer', customerId: `P-${t}-0`, name: `Holding ${t}`, kind: 'enterprise' },
    { type: 'RegisterCustomer', customerId: `P-${t}-1`, name: `Subsidiary ${t}`, kind: 'enterprise' },
    { type: 'RecordRelation', relationId: `PR-${t}`, from: `P-${t}-0`, to: `P-${t}-1`, relationType: 'equity', share: '0.6' },
    { type: 'GrantLimit', limitId: `PL-${t}-0`, customerId: `P-${t}-0`, amount: '100000000.00', validFrom: '2025-01-01', validTo: '2027-12-31' },
    { type: 'GrantLimit', limitId: `PL-${t}-1`, customerId: `P-${t}-1`, amount: '80000000.00', validFrom: '2025-01-01', validTo: '2027-12-31' },
    { type: 'BookDrawdown', drawdownId: `PD-${t}-0`, limitId: `PL-${t}-0`, amount: '60000000.00', product: 'loan' },
    { type: 'BookDrawdown', drawdownId: `PD-${t}-1`, limitId: `PL-${t}-1`, amount: '30000000.00', product: 'acceptance', margin: '3000000.00' },
    { type: 'BookRepayment', drawdownId: `PD-${t}-0`, amount: '1000000.00' },
    { type: 'BookRepayment', drawdownId: `PD-${t}-1`, amount: '1000000.00' },
    { type: 'BookRepayment', drawdownId: `PD-${t}-0`, amount: '1000000.00' },
    { type: 'BookRepayment', drawdownId: `PD-${t}-1`, amount: '1000000.00' },
  ];
}

export function standalone(t: string): BookCommand[] {
  return [{ type: 'RegisterCustomer', customerId: `S-${t}`, name: `Standalone ${t}`, kind: 'enterprise' }];
}

export const TREE_SIZE = 1_000;
export const treeMember = (t: string, k: number) => `T-${t}-${pad(k, 4)}`;

/** A binary holding tree of 1,000 members (member k is 60% held by (k-1)/2), a limit on every member. */
export function holdingTree(t: string): BookCommand[] {
  const c: BookCommand[] = [];
  for (let k = 0; k < TREE_SIZE; k++) c.push({ type: 'RegisterCustomer', customerId: treeMember(t, k), name: `Tree ${t} member ${k}`, kind: 'enterprise' });
  for (let k = 1; k < TREE_SIZE; k++) c.push({ type: 'RecordRelation', relationId: `TR-${t}-${k}`, from: treeMember(t, (k - 1) >> 1), to: treeMember(t, k), relationType: 'equity', share: '0.6' });
  for (let k = 0; k < TREE_SIZE; k++) c.push({ type: 'GrantLimit', limitId: `TL-${t}-${k}`, customerId: treeMember(t, k), amount: '1000000.00', validFrom: '2025-01-01', validTo: '2027-12-31' });
  return c;
}

// ---- books --------------------------------------------------------------------------------------------

/** The command book: `groups` stars of ten (10 customers, 10 limits, 10 drawdowns each). */
export async function buildCommandBook(store: EventStore, groups: number): Promise<{ events: number; seconds: number }> {
  const t0 = performance.now();
  const loader = new LogLoader(store);
  await loader.push(setupEvents());
  const star = captureTemplate(starOfTen);
  for (let g = 0; g < groups; g++) await loader.push(star.instance(g, g + 1));
  await loader.flush();
  return { events: loader.count, seconds: (performance.now() - t0) / 1000 };
}

export interface BigBookShape {
  /** Groups of two with credit (they fill the large-credit report). */
  pairs: number;
  /** 1,000-member holding trees; trees 2m and 2m+1 are merged by the link-merge figure. */
  trees: number;
  /** Customers in all. */
  customers: number;
}

export function bigBookShape(scale: number, trees: number): BigBookShape {
  return { pairs: Math.round(100_000 * scale), trees, customers: Math.round(1_000_000 * scale) };
}

/** The big book: 100,000 groups with credit, `trees` holding trees, the rest standalone customers. */
export async function buildBigBook(store: EventStore, shape: BigBookShape, log: (m: string) => void = () => undefined) {
  const t0 = performance.now();
  const loader = new LogLoader(store, 20_000);
  await loader.push(setupEvents());
  const pair = captureTemplate(pairWithHistory);
  const tree = captureTemplate(holdingTree);
  const single = captureTemplate(standalone);
  const standalones = shape.customers - 2 * shape.pairs - shape.trees * TREE_SIZE;
  let group = 0;
  // Interleaved, as a real log would be: every tenth pair is followed by standalone customers.
  let s = 0;
  const perPair = standalones / shape.pairs;
  for (let p = 0; p < shape.pairs; p++) {
    await loader.push(pair.instance(p, ++group));
    const until = Math.floor((p + 1) * perPair);
    for (; s < until; s++) await loader.push(single.instance(s));
    if (p % 20_000 === 0 && p > 0) log(`  big book: ${loader.count} events`);
  }
  for (; s < standalones; s++) await loader.push(single.instance(s));
  for (let t = 0; t < shape.trees; t++) await loader.push(tree.instance(t, ++group));
  await loader.flush();
  return { events: loader.count, customers: shape.customers, groups: group, seconds: (performance.now() - t0) / 1000 };
}

/** A deterministic pseudo-random sequence (mulberry32): the same mix every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LINK_TYPES = ['guarantee', 'board', 'agreement', 'management', 'deemed-group'] as const;

/** Which links a book has had: every link of the mix is a relation the book does not have yet. */
export interface LinkCursor {
  next: number;
}

/**
 * The issue's mix on the command book: 60% drawdowns, 20% repayments, 10% grants, 10% links. A link relates
 * two members of one group by a relation not recorded yet (the groups' shape stays that of the book).
 */
export function commandMix(groups: number, count: number, tag: string, seed = 1, links: LinkCursor = { next: 0 }): BookCommand[] {
  const rnd = random(seed);
  const out: BookCommand[] = [];
  for (let i = 0; i < count; i++) {
    const g = pad(Math.floor(rnd() * groups));
    const k = Math.floor(rnd() * 10);
    const r = rnd();
    if (r < 0.6) out.push({ type: 'BookDrawdown', drawdownId: `X${tag}-${i}`, limitId: `L-${g}-${k}`, amount: '1000.00', product: 'loan' });
    else if (r < 0.8) out.push({ type: 'BookRepayment', drawdownId: `D-${g}-${k}`, amount: '1.00' });
    else if (r < 0.9) out.push({ type: 'GrantLimit', limitId: `NL${tag}-${i}`, customerId: `C-${g}-${k}`, amount: '1000000.00', validFrom: '2025-01-01', validTo: '2027-12-31' });
    else {
      const slot = links.next++;
      const group = pad(slot % groups);
      const pair = Math.floor(slot / groups) % 90;
      const type = LINK_TYPES[Math.floor(slot / (groups * 90)) % LINK_TYPES.length];
      const from = Math.floor(pair / 9);
      const to = (from + 1 + (pair % 9)) % 10;
      out.push({ type: 'RecordRelation', relationId: `NR${tag}-${i}`, from: `C-${group}-${from}`, to: `C-${group}-${to}`, relationType: type });
    }
  }
  return out;
}
