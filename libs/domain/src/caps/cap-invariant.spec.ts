import fc from 'fast-check';
import { BookCommand, CommandContext } from '../book/book.commands';
import { BookState } from '../book/book.state';
import { decide } from '../book/book.decide';
import { evolve } from '../book/book.evolve';
import { ctx, stateFrom } from '../testing/book.spec-dsl';
import { customerRegistered, customers, netCapitalDeclared } from '../testing/book.fixtures';
import { formatMoney } from '../shared/money';
import { isRefusal } from '../shared/refusal';

/**
 * Property: random sequences of grants, approvals, cancellations, drawdowns, repayments, links, unlinks, net capital
 * re-declarations and control-threshold changes on a small book never leave a subject over a cap without an open
 * breach on that basis (nor an open breach on a subject within its cap, or one that no longer exists), and an accepted
 * grant, approval or drawdown never takes its subject over its cap.
 *
 * The measures here are an independent oracle written from domain.md, not the engine's measuresOf(): every limit in
 * these runs is valid through 2026-12-31 and no renewal is made, so an approved limit reports its amount
 * (a drawdown fits inside its limit); exposure is each drawdown's outstanding minus its margin, floored at 0.
 * Caps: groups 15%, standalone 10% of the net capital in force (whole-yuan figures, so exact).
 */
const COMPANIES = ['A', 'B', 'C', 'D'];
const RELATIONS = [
  { relationType: 'equity', share: '0.6' },
  { relationType: 'equity', share: '0.3' },
  { relationType: 'consolidation' },
  { relationType: 'deemed-group' },
  { relationType: 'guarantee' },
] as const;
const CAPITALS = [400_000_000, 700_000_000, 1_000_000_000, 1_200_000_000];

const officer = ctx();
const approver = ctx({ userId: 'approver-1', roles: ['approver'] });
const admin = ctx({ userId: 'admin-1', roles: ['admin'] });

type Op =
  | { kind: 'grant'; customer: number; millions: number }
  | { kind: 'approve' | 'cancel'; pick: number }
  | { kind: 'draw'; pick: number; millions: number; marginPct: number }
  | { kind: 'repay'; pick: number; pct: number }
  | { kind: 'link'; from: number; to: number; relation: number }
  | { kind: 'unlink'; pick: number }
  | { kind: 'capital'; pick: number }
  | { kind: 'threshold'; high: boolean };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('grant' as const), customer: fc.nat(3), millions: fc.integer({ min: 5, max: 110 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('approve' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('draw' as const), pick: fc.nat(), millions: fc.integer({ min: 1, max: 60 }), marginPct: fc.integer({ min: 0, max: 100 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('repay' as const), pick: fc.nat(), pct: fc.integer({ min: 1, max: 100 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('link' as const), from: fc.nat(3), to: fc.nat(3), relation: fc.nat(RELATIONS.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unlink' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('capital' as const), pick: fc.nat(CAPITALS.length - 1) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('threshold' as const), high: fc.boolean() }) },
);

const pick = <T>(items: T[], n: number): T | undefined => (items.length ? items[n % items.length] : undefined);

function commandFor(o: Op, state: BookState, seq: number): [BookCommand, CommandContext] | undefined {
  // Picks aim at the ids where the command can take effect, so that most steps change the book.
  const limitIds = (wanted: (status: string) => boolean) =>
    [...state.limits.values()].filter((l) => wanted(l.status)).map((l) => l.limitId).sort();
  switch (o.kind) {
    case 'grant':
      return [{ type: 'GrantLimit', limitId: `L${seq}`, customerId: COMPANIES[o.customer], amount: `${o.millions}000000.00`, validFrom: '2026-01-01', validTo: '2026-12-31' }, officer];
    case 'approve': {
      const limitId = pick(limitIds((s) => s === 'pending'), o.pick);
      return limitId ? [{ type: 'ApproveLimit', limitId }, approver] : undefined;
    }
    case 'cancel': {
      const limitId = pick(limitIds(() => true), o.pick);
      return limitId ? [{ type: 'CancelLimit', limitId }, officer] : undefined;
    }
    case 'draw': {
      const limitId = pick(limitIds((s) => s === 'active'), o.pick);
      const yuan = o.millions * 1_000_000;
      const margin = Math.floor((yuan * o.marginPct) / 100);
      return limitId ? [{ type: 'BookDrawdown', drawdownId: `D${seq}`, limitId, amount: `${yuan}.00`, margin: `${margin}.00`, product: 'acceptance' }, officer] : undefined;
    }
    case 'repay': {
      const drawdownId = pick([...state.drawdowns.values()].filter((d) => d.outstanding > 0n).map((d) => d.drawdownId).sort(), o.pick);
      if (!drawdownId) return undefined;
      const outstanding = state.drawdowns.get(drawdownId)!.outstanding;
      const amount = (outstanding * BigInt(o.pct)) / 100n;
      return [{ type: 'BookRepayment', drawdownId, amount: formatMoney(amount > 0n ? amount : 1n) }, officer];
    }
    case 'link': {
      const r = RELATIONS[o.relation];
      return [{ type: 'RecordRelation', relationId: `R${seq}`, from: COMPANIES[o.from], to: COMPANIES[o.to], ...r }, officer];
    }
    case 'unlink': {
      const relationId = pick([...state.relations.keys()].sort(), o.pick);
      return relationId ? [{ type: 'RemoveRelation', relationId }, officer] : undefined;
    }
    case 'capital':
      return [{ type: 'DeclareNetCapital', asOf: '2026-03-31', netCapital: `${CAPITALS[o.pick]}.00` }, admin];
    case 'threshold':
      // 0.6 holdings control under 0.5, not under 0.7: groups form and fall apart.
      return [{ type: 'ChangePolicy', equityControlThreshold: o.high ? '0.7' : '0.5' }, admin];
    default: {
      const unhandled: never = o;
      return unhandled;
    }
  }
}

interface Oracle {
  key: string;
  limit: bigint;
  exposure: bigint;
  cap: bigint;
}

/** Every subject of the book with its measures and cap, from the rules (see above). */
function subjects(state: BookState): Map<string, Oracle> {
  const netCapital = state.capital.last()!.netCapital;
  const measureOf = (members: Iterable<string>) => {
    let limit = 0n;
    let exposure = 0n;
    const own = new Set(members);
    for (const l of state.limits.values()) if (own.has(l.customerId) && l.status === 'active') limit += l.amount;
    for (const d of state.drawdowns.values()) if (own.has(d.customerId) && d.outstanding > d.margin) exposure += d.outstanding - d.margin;
    return { limit, exposure };
  };
  const out = new Map<string, Oracle>();
  for (const g of state.groups.values()) {
    out.set(`group:${g.groupId}`, { key: `group:${g.groupId}`, ...measureOf(g.members), cap: (netCapital * 15n) / 100n });
  }
  for (const c of COMPANIES) {
    if (!state.groupOf.has(c)) out.set(`customer:${c}`, { key: `customer:${c}`, ...measureOf([c]), cap: (netCapital * 10n) / 100n });
  }
  return out;
}

function subjectKeyOf(state: BookState, customerId: string): string {
  const g = state.groupOf.get(customerId);
  return g ? `group:${g}` : `customer:${customerId}`;
}

function checkBreachBook(state: BookState, trail: string[]): void {
  const all = subjects(state);
  for (const s of all.values()) {
    const open = state.breaches.get(s.key);
    const where = `${s.key} after ${trail.join(' | ')}`;
    expect({ where, limitOver: s.limit > s.cap, exposureOver: s.exposure > s.cap }).toEqual({
      where,
      limitOver: open?.has('limit') ?? false,
      exposureOver: open?.has('exposure') ?? false,
    });
  }
  for (const key of state.breaches.keys()) expect({ openBreachOn: key, exists: all.has(key) }).toEqual({ openBreachOn: key, exists: true });
}

describe('cap invariant (property)', () => {
  it('no subject is over a cap without an open breach, and accepted grants, approvals and drawdowns stay within the cap', () => {
    // Each run starts with one limit per company (10 to 60 million, granted at once), so that links and capital
    // changes have credit to push over a cap.
    const opening = fc.tuple(...COMPANIES.map(() => fc.integer({ min: 10, max: 60 }))).map((ms) => ms.map((m, i): Op => ({ kind: 'grant', customer: i, millions: m })));
    fc.assert(
      fc.property(opening, fc.array(op, { minLength: 5, maxLength: 40 }), (start, ops) => {
        let state = stateFrom([netCapitalDeclared('1000000000.00'), ...customers(...COMPANIES), customerRegistered('P', 'individual')]);
        const trail: string[] = [];
        [...start, ...ops].forEach((o, seq) => {
          const made = commandFor(o, state, seq);
          if (!made) return;
          const [command, context] = made;
          const decision = decide(command, state, context);
          if (isRefusal(decision)) {
            // A cap refusal of a grant is only given when the grant would really go over.
            if (command.type === 'GrantLimit' && (decision.code === 'GROUP_CAP_EXCEEDED' || decision.code === 'CUSTOMER_CAP_EXCEEDED')) {
              const s = subjects(state).get(subjectKeyOf(state, command.customerId))!;
              expect(s.limit + BigInt(command.amount.replace('.', ''))).toBeGreaterThan(s.cap);
            }
            return;
          }
          trail.push(`${JSON.stringify(command)} -> ${decision.map((e) => e.type).join(',')}`);
          state = decision.reduce(evolve, state);
          checkBreachBook(state, trail);
          const grew =
            (command.type === 'GrantLimit' && decision.some((e) => e.type === 'LimitGranted')) ||
            command.type === 'ApproveLimit' ||
            command.type === 'BookDrawdown';
          if (grew) {
            const customerId = command.type === 'GrantLimit' ? command.customerId : state.limits.get(command.limitId)!.customerId;
            const s = subjects(state).get(subjectKeyOf(state, customerId))!;
            expect(s.limit).toBeLessThanOrEqual(s.cap);
            expect(s.exposure).toBeLessThanOrEqual(s.cap);
            expect(decision.some((e) => e.type === 'CapBreached')).toBe(false);
          }
        });
      }),
      { numRuns: 300 },
    );
  });
});
