import fc from 'fast-check';
import { BookCommand, CommandContext } from '../book/book.commands';
import { BookEvent } from '../book/book.events';
import { BookState, initialBookState } from '../book/book.state';
import { decideAndEvolve } from '../book/book.decide';
import { isRefusal } from '../shared/refusal';

/**
 * The incremental review is the full review (review-scope.ts): after random histories of grants (with validity
 * ending on, between and after the review days), requests, approvals, renewals (pending ones carry a limit forward),
 * cancellations, drawdowns, repayments, links and unlinks (groups form, merge and split), economic dependence,
 * group limits with allocations, net capital and policy changes, each dated today or back-dated, a writer-like run
 * reviews on each new business day before any command. On each such day the review since the last review day must
 * record exactly the events of the full review of the same book, and after it a second review of that day records
 * nothing either way. The 2010 regime does not refuse in half the runs (policy `regimes`), so limits go over their
 * caps and expiries cure them; tier-1 net capital is declared, so the 2018 regime records breaches too.
 */
const COMPANIES = ['A', 'B', 'C', 'D'];
const DAYS = ['2026-01-05', '2026-01-20', '2026-02-02', '2026-02-16', '2026-03-02', '2026-03-31'];
/** validTo choices: on a review day (counts that day, not the next), between days, and long after. */
const VALID_TO = ['2026-01-10', '2026-01-20', '2026-01-31', '2026-02-02', '2026-02-10', '2026-03-01', '2026-03-15', '2026-12-31'];
const RELATIONS = [{ relationType: 'consolidation' as const }, { relationType: 'deemed-group' as const }, { relationType: 'economic-dependence' as const }];
const CAPITALS = ['400000000.00', '700000000.00', '1000000000.00'];
const PRODUCTS = ['loan', 'acceptance', 'guarantee'] as const;

type Op =
  | { kind: 'grant'; customer: number; millions: number; validTo: number; back: number }
  | { kind: 'approve' | 'cancel'; pick: number; back: number }
  | { kind: 'renew'; pick: number; millions: number; validTo: number; back: number }
  | { kind: 'draw'; pick: number; millions: number; marginPct: number; product: number; back: number }
  | { kind: 'repay'; pick: number; pct: number; back: number }
  | { kind: 'link'; from: number; to: number; relation: number; back: number }
  | { kind: 'unlink'; pick: number; back: number }
  | { kind: 'group-limit'; pick: number; millions: number; validTo: number; back: number }
  | { kind: 'allocate'; pick: number; customer: number; millions: number; validTo: number; back: number }
  | { kind: 'capital'; pick: number; back: number }
  | { kind: 'policy'; ratio: number; back: number }
  | { kind: 'next-day'; days: number };

const back = fc.nat(2);
const millions = fc.integer({ min: 5, max: 120 });
const validTo = fc.nat(VALID_TO.length - 1);
/** Mixed histories, or histories weighted towards groups with group limits (so that their expiries meet breaches). */
function opsOf(mix: 'mixed' | 'group-limits'): fc.Arbitrary<Op> {
  const w = (mixed: number, groupLimits: number) => (mix === 'mixed' ? mixed : groupLimits);
  return fc.oneof(
    { weight: w(5, 2), arbitrary: fc.record({ kind: fc.constant('grant' as const), customer: fc.nat(COMPANIES.length - 1), millions, validTo, back }) },
    { weight: w(3, 4), arbitrary: fc.record({ kind: fc.constant('approve' as const), pick: fc.nat(), back }) },
    { weight: w(1, 1), arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(), back }) },
    { weight: w(2, 1), arbitrary: fc.record({ kind: fc.constant('renew' as const), pick: fc.nat(), millions, validTo, back }) },
    { weight: w(4, 2), arbitrary: fc.record({ kind: fc.constant('draw' as const), pick: fc.nat(), millions: fc.integer({ min: 1, max: 60 }), marginPct: fc.integer({ min: 0, max: 100 }), product: fc.nat(PRODUCTS.length - 1), back }) },
    { weight: w(2, 1), arbitrary: fc.record({ kind: fc.constant('repay' as const), pick: fc.nat(), pct: fc.integer({ min: 1, max: 100 }), back }) },
    { weight: w(3, 4), arbitrary: fc.record({ kind: fc.constant('link' as const), from: fc.nat(COMPANIES.length - 1), to: fc.nat(COMPANIES.length - 1), relation: fc.nat(RELATIONS.length - 1), back }) },
    { weight: w(1, 1), arbitrary: fc.record({ kind: fc.constant('unlink' as const), pick: fc.nat(), back }) },
    { weight: w(2, 4), arbitrary: fc.record({ kind: fc.constant('group-limit' as const), pick: fc.nat(), millions: fc.integer({ min: 50, max: 250 }), validTo, back }) },
    { weight: w(2, 2), arbitrary: fc.record({ kind: fc.constant('allocate' as const), pick: fc.nat(), customer: fc.nat(COMPANIES.length - 1), millions, validTo, back }) },
    { weight: w(1, 1), arbitrary: fc.record({ kind: fc.constant('capital' as const), pick: fc.nat(CAPITALS.length - 1), back }) },
    { weight: w(1, 1), arbitrary: fc.record({ kind: fc.constant('policy' as const), ratio: fc.integer({ min: 8, max: 20 }), back }) },
    { weight: w(3, 3), arbitrary: fc.record({ kind: fc.constant('next-day' as const), days: fc.integer({ min: 1, max: 2 }) }) },
  );
}

const SYSTEM = { userId: 'system', roles: [] };

/**
 * Runs the property over histories of `mix`; answers how many incremental reviews recorded something, and how many
 * recorded a breach or cure of a group whose group limit expired since: a property that met only empty days, or never
 * a group limit's expiry, would prove little.
 */
function reviewsOfRandomHistories(mix: 'mixed' | 'group-limits', numRuns: number, replay?: { seed: number; path: string }): { reviewsThatRecorded: number; groupLimitExpiries: number } {
  let reviewsThatRecorded = 0;
  let groupLimitExpiries = 0;
  fc.assert(
    // With group limits, the 2010 regime never refuses: requests over the group cap go through, and breach.
    fc.property(fc.array(opsOf(mix), { minLength: 10, maxLength: 80 }), mix === 'mixed' ? fc.boolean() : fc.constant(false), (ops, refuses2010) => {
      let state: BookState = initialBookState;
      let day = 0;
      const trail: string[] = [];
      const run = (command: BookCommand, on: string, userId = 'officer-1'): BookEvent[] | undefined => {
        const context: CommandContext = { actor: { userId, roles: ['officer', 'approver', 'admin'] }, effectiveDate: on, today: DAYS[day] };
        const decided = decideAndEvolve(command, state, context);
        if (isRefusal(decided)) return undefined;
        state = decided.state;
        trail.push(`${DAYS[day]}@${on} ${JSON.stringify(command)} -> ${decided.events.map((e) => e.type).join(',')}`);
        return decided.events;
      };
      /** The writer's review of a new day: since the last review day, checked against the full review of the same book. */
      const review = (since: string | undefined) => {
        const today = DAYS[day];
        const context: CommandContext = { actor: SYSTEM, effectiveDate: today, today };
        const full = decideAndEvolve({ type: 'ReviewCaps' }, state, context);
        const incremental = decideAndEvolve({ type: 'ReviewCaps', since }, state, context);
        if (isRefusal(full) || isRefusal(incremental)) throw new Error('a review is never refused');
        const where = `review on ${today} since ${since} after ${trail.join(' | ')}`;
        expect({ where, events: incremental.events }).toEqual({ where, events: full.events });
        if (since !== undefined && full.events.length > 0) reviewsThatRecorded++;
        const expiredGroupLimit = (groupId: string) =>
          [...state.groupLimits.values()].some((g) => g.status === 'active' && g.groups.some((x) => x.groupId === groupId) && since !== undefined && since <= g.validTo && g.validTo < today);
        if (full.events.some((e) => (e.type === 'CapBreached' || e.type === 'CapBreachCured') && e.data.subjectType === 'group' && expiredGroupLimit(e.data.groupId))) groupLimitExpiries++;
        state = full.state;
        trail.push(`review ${today} -> ${full.events.map((e) => e.type).join(',')}`);
        // Reviewed today: the same day's review, incremental or full, records nothing more.
        const again = decideAndEvolve({ type: 'ReviewCaps', since: today }, state, context);
        const againFull = decideAndEvolve({ type: 'ReviewCaps' }, state, context);
        expect({ where, again: isRefusal(again) ? again : again.events, againFull: isRefusal(againFull) ? againFull : againFull.events }).toEqual({ where, again: [], againFull: [] });
      };

      run({ type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '1000000000.00', tier1NetCapital: '800000000.00' }, DAYS[0], 'admin-1');
      // Escalation only above 150,000,000.00, so most grants take effect at once and larger renewals stay pending.
      run({ type: 'ChangePolicy', escalationThreshold: '150000000.00', ...(refuses2010 ? {} : { regimes: ['nfra-2018'] }) }, DAYS[0], 'admin-1');
      for (const c of COMPANIES) run({ type: 'RegisterCustomer', customerId: c, name: c, kind: 'enterprise' }, DAYS[0]);
      review(undefined);
      ops.forEach((o, seq) => {
        if (o.kind === 'next-day') {
          if (day === DAYS.length - 1) return;
          const since = DAYS[day];
          day = Math.min(day + o.days, DAYS.length - 1);
          review(since);
          return;
        }
        const on = DAYS[Math.max(0, day - o.back)];
        const pick = <T>(items: T[], n: number) => (items.length ? items[n % items.length] : undefined);
        const limitIds = [...state.limits.keys()];
        let command: BookCommand | undefined;
        let userId = 'officer-1';
        switch (o.kind) {
          case 'grant':
            command = { type: 'GrantLimit', limitId: `L${seq}`, customerId: COMPANIES[o.customer], amount: `${o.millions}000000.00`, validFrom: '2026-01-01', validTo: VALID_TO[o.validTo] };
            break;
          case 'approve': {
            const pending = [...state.limits.values()].filter((l) => l.status === 'pending' || l.pendingRenewal).map((l) => l.limitId);
            const groupPending = [...state.groupLimits.values()].filter((g) => g.status === 'pending' || g.pendingRenewal).map((g) => g.groupLimitId);
            const id = pick([...pending, ...groupPending.map((g) => `group:${g}`)], o.pick);
            if (id !== undefined) command = id.startsWith('group:') ? { type: 'ApproveGroupLimit', groupLimitId: id.slice(6) } : { type: 'ApproveLimit', limitId: id };
            userId = 'approver-1';
            break;
          }
          case 'cancel': {
            const id = pick(limitIds, o.pick);
            if (id !== undefined) command = { type: 'CancelLimit', limitId: id };
            break;
          }
          case 'renew': {
            const id = pick(limitIds, o.pick);
            if (id !== undefined) command = { type: 'RenewLimit', limitId: id, amount: `${o.millions}000000.00`, validTo: VALID_TO[o.validTo] };
            break;
          }
          case 'draw': {
            const limitId = pick(limitIds, o.pick);
            const yuan = o.millions * 1_000_000;
            if (limitId) command = { type: 'BookDrawdown', drawdownId: `D${seq}`, limitId, amount: `${yuan}.00`, margin: `${Math.floor((yuan * o.marginPct) / 100)}.00`, product: PRODUCTS[o.product] };
            break;
          }
          case 'repay': {
            const drawdownId = pick([...state.drawdowns.keys()], o.pick);
            const outstanding = drawdownId && state.drawdowns.get(drawdownId)!.outstanding;
            if (drawdownId && outstanding) command = { type: 'BookRepayment', drawdownId, amount: `${(outstanding * BigInt(o.pct)) / 100n / 100n || 1n}.00` };
            break;
          }
          case 'link':
            command = { type: 'RecordRelation', relationId: `R${seq}`, from: COMPANIES[o.from], to: COMPANIES[o.to], ...RELATIONS[o.relation] };
            break;
          case 'unlink': {
            const id = pick([...state.relations.values()].filter((r) => r.until === null).map((r) => r.relationId), o.pick);
            if (id !== undefined) command = { type: 'RemoveRelation', relationId: id };
            break;
          }
          case 'group-limit': {
            const groupId = pick([...state.groups.keys()], o.pick);
            if (groupId) command = { type: 'RequestGroupLimit', groupLimitId: `GL${seq}`, groupId, amount: `${o.millions}000000.00`, validFrom: '2026-01-01', validTo: VALID_TO[o.validTo] };
            break;
          }
          case 'allocate': {
            const groupLimitId = pick([...state.groupLimits.keys()], o.pick);
            if (groupLimitId) command = { type: 'GrantLimit', limitId: `L${seq}`, customerId: COMPANIES[o.customer], amount: `${o.millions}000000.00`, validFrom: '2026-01-01', validTo: VALID_TO[o.validTo], groupLimitId };
            break;
          }
          case 'capital':
            command = { type: 'DeclareNetCapital', asOf: on, netCapital: CAPITALS[o.pick], tier1NetCapital: '300000000.00' };
            userId = 'admin-1';
            break;
          case 'policy':
            command = { type: 'ChangePolicy', singleCustomerCapRatio: `0.${String(o.ratio).padStart(2, '0')}` };
            userId = 'admin-1';
            break;
          default: {
            const unhandled: never = o;
            return unhandled;
          }
        }
        if (command) run(command, on, userId);
      });
    }),
    { numRuns, ...replay },
  );
  return { reviewsThatRecorded, groupLimitExpiries };
}

describe('ReviewCaps since the last review (property)', () => {
  it('records exactly what the full review records, on every review day of random histories', () => {
    expect(reviewsOfRandomHistories('mixed', 300).reviewsThatRecorded).toBeGreaterThan(8);
  });

  it('records exactly what the full review records where group limits expire', () => {
    expect(reviewsOfRandomHistories('group-limits', 600).groupLimitExpiries).toBeGreaterThan(1);
  });

  it('cures a breach a back-dated approval left open on a group dissolved since (a counterexample found once)', () => {
    // Shrunk: group G000001 {A, B} asks a group limit of 151,000,000.00 (cap 150,000,000.00) valid to 01-10; on 01-20
    // the link is removed (G000001 dissolved) and the group limit approved back-dated to 01-05: CapBreached from 01-05.
    // The full review on 02-02 cures it (subject ended); the review since 01-20 must too.
    reviewsOfRandomHistories('group-limits', 1, {
      seed: -170414810,
      path: '370:3:1:5:5:4:6:9:12:10:10:11:11:12:11:1:5:5:8:8:8:5:6:6:6:7:6:6:8:9:10:10:11:11:11:11:11:11:11:11:11:11:11:11:11:11:11:11:11',
    });
  });
});
