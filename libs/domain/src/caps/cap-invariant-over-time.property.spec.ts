import fc from 'fast-check';
import { BookCommand, CommandContext } from '../book/book.commands';
import { BookState, initialBookState } from '../book/book.state';
import { decideAndEvolve } from '../book/book.decide';
import { openBreachesOn } from '../book/book-on-date';
import { CustomerKind, GraphView, RelationType, RelationView, identifyGroups } from '../groups/group-graph';
import { formatMoney, parseMoney } from '../shared/money';
import { isRefusal } from '../shared/refusal';

/**
 * domain.md section 4, on every date: after random grants, approvals, cancellations, drawdowns, repayments, links,
 * unlinks and net capital declarations, each dated today or back-dated, on every business date of the run a
 * subject is over a cap exactly when the log holds a breach open on that basis that date, no breach is open on a
 * subject that did not exist that date, and an accepted grant, approval or drawdown never records a breach.
 *
 * The measures are an oracle written from domain.md over the accepted commands and their dates, not the engine's
 * state: every limit is valid 2026-01-01..2026-12-31 with no renewal, so an approved limit reports its amount from
 * its grant (or approval) to its cancellation; exposure is each drawdown's outstanding that date beyond its margin;
 * the cap is 15% (groups) or 10% (standalone) of the net capital declared for the latest asOf on or before the date.
 * Groups come from group identification over the relations in force that date (its own property tests cover it).
 */
const COMPANIES = ['A', 'B', 'C', 'D'];
const DATES = ['2026-01-05', '2026-02-02', '2026-03-02', '2026-03-31'];
const RELATIONS = [
  { relationType: 'equity' as RelationType, share: '0.6' },
  { relationType: 'consolidation' as RelationType },
  { relationType: 'deemed-group' as RelationType },
];
const CAPITALS = [400_000_000n, 700_000_000n, 1_000_000_000n];
const YUAN = 100n;

type Op =
  | { kind: 'grant'; customer: number; millions: number; back: number }
  | { kind: 'approve' | 'cancel'; pick: number; back: number }
  | { kind: 'draw'; pick: number; millions: number; marginPct: number; back: number }
  | { kind: 'repay'; pick: number; pct: number; back: number }
  | { kind: 'link'; from: number; to: number; relation: number; back: number }
  | { kind: 'unlink'; pick: number; back: number }
  | { kind: 'capital'; pick: number; back: number }
  | { kind: 'advance' };

const back = fc.nat(DATES.length - 1);
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('grant' as const), customer: fc.nat(3), millions: fc.integer({ min: 5, max: 110 }), back }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('approve' as const), pick: fc.nat(), back }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat(), back }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('draw' as const), pick: fc.nat(), millions: fc.integer({ min: 1, max: 60 }), marginPct: fc.integer({ min: 0, max: 100 }), back }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('repay' as const), pick: fc.nat(), pct: fc.integer({ min: 1, max: 100 }), back }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('link' as const), from: fc.nat(3), to: fc.nat(3), relation: fc.nat(RELATIONS.length - 1), back }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unlink' as const), pick: fc.nat(), back }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('capital' as const), pick: fc.nat(CAPITALS.length - 1), back }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'advance' as const }) },
);

/** The accepted facts with their dates: what the oracle measures from. */
interface Facts {
  limits: Map<string, { customer: string; amount: bigint; activeFrom: string | null; cancelledOn: string | null }>;
  drawdowns: Map<string, { customer: string; amount: bigint; margin: bigint; on: string; repaid: { on: string; amount: bigint }[] }>;
  relations: Map<string, { from: string; to: string; type: RelationType; share?: string; since: string; until: string | null }>;
  capital: Map<string, bigint>;
}

function graphOf(facts: Facts, date: string): GraphView {
  const live = [...facts.relations.entries()].filter(([, r]) => r.since <= date && (r.until === null || date < r.until));
  return {
    kindOf: (id) => (COMPANIES.includes(id) ? 'enterprise' : (undefined as CustomerKind | undefined)),
    nameOf: (id) => id,
    relationsOf: (id): RelationView[] =>
      live.filter(([, r]) => r.from === id || r.to === id).map(([relationId, r]) => ({ relationId, from: r.from, to: r.to, type: r.type, share: r.share })),
  };
}

/** Each subject on the date with its two measures and cap, keyed by the members it holds. */
function subjectsOn(facts: Facts, date: string): { members: string[]; limit: bigint; exposure: bigint; cap: bigint }[] {
  const declared = [...facts.capital.entries()].filter(([asOf]) => asOf <= date).sort(([a], [b]) => (a < b ? -1 : 1));
  const netCapital = declared[declared.length - 1][1];
  const groups = identifyGroups(graphOf(facts, date), COMPANIES, '0.5').map((p) => p.members);
  const grouped = new Set(groups.flat());
  const subjects = [...groups.map((m) => ({ members: m, ratio: 15n })), ...COMPANIES.filter((c) => !grouped.has(c)).map((c) => ({ members: [c], ratio: 10n }))];
  return subjects.map(({ members, ratio }) => {
    let limit = 0n;
    let exposure = 0n;
    for (const l of facts.limits.values()) {
      const active = l.activeFrom !== null && l.activeFrom <= date && (l.cancelledOn === null || date < l.cancelledOn);
      if (members.includes(l.customer) && active) limit += l.amount;
    }
    for (const d of facts.drawdowns.values()) {
      if (!members.includes(d.customer) || d.on > date) continue;
      const outstanding = d.amount - d.repaid.filter((r) => r.on <= date).reduce((s, r) => s + r.amount, 0n);
      if (outstanding > d.margin) exposure += outstanding - d.margin;
    }
    return { members, limit, exposure, cap: (netCapital * ratio) / 100n };
  });
}

describe('cap invariant on every date (property)', () => {
  it('records a breach exactly where a subject is over its cap on a date, and accepted credit never breaks a cap', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 5, maxLength: 35 }), (ops) => {
        const facts: Facts = { limits: new Map(), drawdowns: new Map(), relations: new Map(), capital: new Map([['2025-12-31', 1_000_000_000n * YUAN]]) };
        let state: BookState = initialBookState;
        let today = 0;
        const run = (command: BookCommand, on: string, userId = 'officer-1') => {
          const context: CommandContext = { actor: { userId, roles: ['officer', 'approver', 'admin'] }, effectiveDate: on, today: DATES[today] };
          const decided = decideAndEvolve(command, state, context);
          if (isRefusal(decided)) return undefined;
          state = decided.state;
          return decided.events;
        };
        run({ type: 'DeclareNetCapital', asOf: '2025-12-31', netCapital: '1000000000.00' }, DATES[0]);
        for (const c of COMPANIES) run({ type: 'RegisterCustomer', customerId: c, name: c, kind: 'enterprise' }, DATES[0]);
        const trail: string[] = [];
        ops.forEach((o, seq) => {
          if (o.kind === 'advance') {
            today = Math.min(today + 1, DATES.length - 1);
            return;
          }
          const on = DATES[Math.max(0, today - o.back)];
          const pick = <T>(items: T[], n: number) => (items.length ? items[n % items.length] : undefined);
          let command: BookCommand | undefined;
          let userId = 'officer-1';
          switch (o.kind) {
            case 'grant':
              command = { type: 'GrantLimit', limitId: `L${seq}`, customerId: COMPANIES[o.customer], amount: `${o.millions}000000.00`, validFrom: '2026-01-01', validTo: '2026-12-31' };
              break;
            case 'approve':
              command = ((id) => (id === undefined ? undefined : ({ type: 'ApproveLimit', limitId: id } as const)))(pick([...facts.limits.keys()].filter((id) => facts.limits.get(id)!.activeFrom === null), o.pick));
              userId = 'approver-1';
              break;
            case 'cancel':
              command = ((id) => (id === undefined ? undefined : ({ type: 'CancelLimit', limitId: id } as const)))(pick([...facts.limits.keys()], o.pick));
              break;
            case 'draw': {
              const limitId = pick([...facts.limits.keys()], o.pick);
              const yuan = o.millions * 1_000_000;
              if (limitId) command = { type: 'BookDrawdown', drawdownId: `D${seq}`, limitId, amount: `${yuan}.00`, margin: `${Math.floor((yuan * o.marginPct) / 100)}.00`, product: 'acceptance' };
              break;
            }
            case 'repay': {
              const drawdownId = pick([...facts.drawdowns.keys()], o.pick);
              const outstanding = drawdownId && state.drawdowns.get(drawdownId)!.outstanding;
              if (drawdownId && outstanding) command = { type: 'BookRepayment', drawdownId, amount: formatMoney((outstanding * BigInt(o.pct)) / 100n || 1n) };
              break;
            }
            case 'link':
              command = { type: 'RecordRelation', relationId: `R${seq}`, from: COMPANIES[o.from], to: COMPANIES[o.to], ...RELATIONS[o.relation] };
              break;
            case 'unlink':
              command = ((id) => (id === undefined ? undefined : ({ type: 'RemoveRelation', relationId: id } as const)))(pick([...facts.relations.keys()].filter((id) => facts.relations.get(id)!.until === null), o.pick));
              break;
            case 'capital':
              command = { type: 'DeclareNetCapital', asOf: on, netCapital: formatMoney(CAPITALS[o.pick] * YUAN) };
              userId = 'admin-1';
              break;
            default: {
              const unhandled: never = o;
              return unhandled;
            }
          }
          if (!command) return;
          const events = run(command, on, userId);
          if (!events) return;
          trail.push(`${on} ${JSON.stringify(command)} -> ${events.map((e) => e.type).join(',')}`);
          // The oracle's facts, from the command and what it recorded.
          switch (command.type) {
            case 'GrantLimit':
              facts.limits.set(command.limitId, { customer: command.customerId, amount: parseMoney(command.amount), activeFrom: events.some((e) => e.type === 'LimitGranted') ? on : null, cancelledOn: null });
              break;
            case 'ApproveLimit':
              facts.limits.get(command.limitId)!.activeFrom = on;
              break;
            case 'CancelLimit':
              facts.limits.get(command.limitId)!.cancelledOn = on;
              break;
            case 'BookDrawdown':
              facts.drawdowns.set(command.drawdownId, { customer: state.limits.get(command.limitId)!.customerId, amount: parseMoney(command.amount), margin: parseMoney(command.margin!), on, repaid: [] });
              break;
            case 'BookRepayment':
              facts.drawdowns.get(command.drawdownId)!.repaid.push({ on, amount: parseMoney(command.amount) });
              break;
            case 'RecordRelation':
              facts.relations.set(command.relationId, { from: command.from, to: command.to, type: command.relationType, share: command.share, since: on, until: null });
              break;
            case 'RemoveRelation':
              facts.relations.get(command.relationId)!.until = on;
              break;
            case 'DeclareNetCapital':
              facts.capital.set(command.asOf, parseMoney(command.netCapital));
              break;
          }
          if (['GrantLimit', 'ApproveLimit', 'BookDrawdown'].includes(command.type)) {
            expect([trail.join(' | '), events.filter((e) => e.type === 'CapBreached')]).toEqual([trail.join(' | '), []]);
          }
          for (const date of DATES.slice(0, today + 1)) {
            for (const s of subjectsOn(facts, date)) {
              const groupId = s.members.length > 1 ? state.memberships.get(s.members[0])?.filter((m) => m.from <= date).pop()?.groupId : undefined;
              const key = groupId ? `group:${groupId}` : `customer:${s.members[0]}`;
              const open = openBreachesOn(state, key, date);
              const where = `${date} ${s.members.join('+')} after ${trail.join(' | ')}`;
              expect({ where, limitOver: s.limit > s.cap, exposureOver: s.exposure > s.cap }).toEqual({ where, limitOver: open.has('limit'), exposureOver: open.has('exposure') });
            }
          }
        });
      }),
      { numRuns: 200 },
    );
  });
});
