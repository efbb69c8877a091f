import fc from 'fast-check';
import { BookCommand, CommandContext } from '../book/book.commands';
import { decideAndEvolve } from '../book/book.decide';
import { graphOn } from '../book/book-graph';
import { groupOn } from '../book/book-on-date';
import { BookState, initialBookState } from '../book/book.state';
import { CustomerKind, identifyGroups, RelationType } from '../groups/group-graph';
import { isRefusal } from '../shared/refusal';
import { policyOn } from '../shared/policy';

/**
 * domain.md section 1, membership over time: after any sequence of links and unlinks, each dated today or
 * back-dated, the groups the log records on every date equal identification from scratch over the relations
 * in force on that date, and a group id names one set of members on any one date.
 */
const CUSTOMERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
const KINDS: CustomerKind[] = ['enterprise', 'enterprise', 'enterprise', 'financial-institution', 'individual', 'state-asset-regulator'];
const TYPES: RelationType[] = ['equity', 'equity', 'equity', 'board', 'family', 'deemed-group', 'guarantee'];
const SHARES = ['0.3', '0.4', '0.6', '1'];
/** Business days of the book; commands are decided in log order on a "today" that only moves forward. */
const DATES = ['2025-01-02', '2025-02-03', '2025-03-03', '2025-04-01', '2025-05-06', '2025-06-02', '2025-07-01'];

type Op =
  | { op: 'link'; from: number; to: number; type: RelationType; share: string; back: number }
  | { op: 'unlink'; pick: number; back: number }
  | { op: 'advance' };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('link' as const),
      from: fc.nat(CUSTOMERS.length - 1),
      to: fc.nat(CUSTOMERS.length - 1),
      type: fc.constantFrom(...TYPES),
      share: fc.constantFrom(...SHARES),
      back: fc.nat(DATES.length - 1),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('unlink' as const), pick: fc.nat(), back: fc.nat(DATES.length - 1) }) },
  { weight: 2, arbitrary: fc.constant({ op: 'advance' as const }) },
);

/** The partition of legal persons a grouping makes, as sorted member lists: ids left out. */
function partition(groupOf: (customerId: string) => string | undefined): string[][] {
  const members = new Map<string, string[]>();
  for (const c of CUSTOMERS) {
    const g = groupOf(c);
    if (g === undefined) continue;
    const list = members.get(g) ?? [];
    list.push(c);
    members.set(g, list);
  }
  return [...members.values()].map((m) => m.sort()).sort((a, b) => a[0].localeCompare(b[0]));
}

function fromScratch(state: BookState, date: string): string[][] {
  const parts = identifyGroups(graphOn(state, date), CUSTOMERS, policyOn(state.policyChanges, date).equityControlThreshold);
  return parts.map((p) => [...p.members].sort()).sort((a, b) => a[0].localeCompare(b[0]));
}

describe('group membership over time (property)', () => {
  it('records on every date the groups that identification from scratch finds over the relations in force', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...KINDS), { minLength: CUSTOMERS.length, maxLength: CUSTOMERS.length }), fc.array(opArb, { minLength: 10, maxLength: 40 }), (kinds, ops) => {
        let today = 0;
        let state = initialBookState;
        let seq = 0;
        const run = (command: BookCommand, on: number): boolean => {
          const ctx: CommandContext = { actor: { userId: 'officer-1', roles: ['officer'] }, effectiveDate: DATES[on], today: DATES[today] };
          const decided = decideAndEvolve(command, state, ctx);
          if (isRefusal(decided)) return false;
          state = decided.state;
          return true;
        };
        CUSTOMERS.forEach((customerId, i) => run({ type: 'RegisterCustomer', customerId, name: `${customerId} Ltd`, kind: kinds[i] }, 0));
        for (const op of ops) {
          if (op.op === 'advance') {
            today = Math.min(today + 1, DATES.length - 1);
            continue;
          }
          const on = Math.max(0, today - op.back);
          if (op.op === 'link') {
            const share = op.type === 'equity' ? op.share : undefined;
            run({ type: 'RecordRelation', relationId: `R${++seq}`, from: CUSTOMERS[op.from], to: CUSTOMERS[op.to], relationType: op.type, share }, on);
          } else {
            const live = [...state.relations.values()].filter((r) => r.until === null);
            if (live.length > 0) run({ type: 'RemoveRelation', relationId: live[op.pick % live.length].relationId }, on);
          }
          for (const date of DATES.slice(0, today + 1)) {
            expect([date, partition((c) => groupOn(state, c, date))]).toEqual([date, fromScratch(state, date)]);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
