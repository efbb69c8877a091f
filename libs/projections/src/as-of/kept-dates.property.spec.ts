import fc from 'fast-check';
import { BookCommand, isRefusal, decide } from '@groupcap/domain';
import { BookProjection } from '../projection/book.projection';
import { LargeCreditQuery } from '../large-credit.port';
import { fileLargeCreditReportCommand } from '../reports/large-credit.filing';
import { GroupSort } from '../views/group.view';
import { ADMIN, APPROVER, OFFICER, RISK, TestBook } from '../testing/test-book';

/**
 * What is kept per date agrees with the whole book (kept-dates.ts): one projection lives through a random history and
 * is asked between the steps (its rows kept on the first ask, then marked stale by each event and refreshed on the
 * next ask), and after each step its answers are the same JSON, byte for byte, as those of a projection opened
 * afresh on the same log, which computes them from the whole book as of the date:
 * - the large-credit report of the quarter ends asked and of the business date (kept for each): the fresh
 *   projection's first ask of a date reads the whole book (the path every ask took before rows were kept); at the
 *   end every quarter end and the business date are compared, in both units and with a threshold, and the rows for
 *   filing too;
 * - the groups list as of the business date, every page of two in every sort, cursors included (kept for the
 *   business date): the fresh projection's own business date is another day, so its list as of this one measures
 *   every group from the whole book and sorts them in JS (group.view.ts compareGroups), not in SQL.
 * And the lists read from a book loaded for a few customers (book.projection.ts limits, groupLimits) agree with the
 * list of every limit or group limit, from the whole book: the approvers' queues (`pending`) and each active
 * customer's limits, as of the business date and of the date two steps back.
 *
 * The history: six active customers (and fifteen with one untouched limit each, and twelve untouched groups of
 * two, so that one or two stale customers stay under a tenth of the report's rows and of the groups, and the
 * refresh by subject is what runs), grants (escalated above
 * 30,000,000.00 to a request, approved later), renewals that stay pending across a quarter end (carried
 * forward), drawdowns and repayments, links that form and merge groups, unlinks, net capital re-declared (the
 * ratio and the caps), group limits with allocations, filings (restatements compare against the current rows);
 * each command dated today or back-dated, across the quarter ends.
 */
const ACTIVE = ['C-A', 'C-B', 'C-C', 'C-D', 'C-E', 'C-F'];
const BACKGROUND = Array.from({ length: 15 }, (_, i) => `C-Z${String(i).padStart(2, '0')}`);
/** Parents (60% of their subsidiary, one limit each) of the groups formed before the history: G000001 to G000012. */
const BACKGROUND_GROUPS = Array.from({ length: 12 }, (_, i) => `C-Y${String(i).padStart(2, '0')}`);
const DATES = ['2025-02-03', '2025-03-20', '2025-04-10', '2025-05-15', '2025-06-20', '2025-07-10', '2025-08-15', '2025-09-20', '2025-10-10'];
const QUARTER_ENDS = ['2025-03-31', '2025-06-30', '2025-09-30'];

type Op =
  | { op: 'grant'; customer: number; amount: string; validTo: string; underGroupLimit: boolean }
  | { op: 'approve'; pick: number }
  | { op: 'reject'; pick: number }
  | { op: 'renew'; pick: number; amount: string }
  | { op: 'draw'; pick: number; amount: string; product: 'loan' | 'acceptance' }
  | { op: 'repay'; pick: number }
  | { op: 'link'; from: number; to: number }
  | { op: 'unlink'; pick: number }
  | { op: 'capital'; netCapital: string }
  | { op: 'groupLimit'; customer: number; approveNow: boolean }
  | { op: 'approveGroupLimit'; pick: number }
  | { op: 'file'; quarter: number }
  | { op: 'advance' };

type Step = Op & { back: number; ask: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('grant' as const),
      customer: fc.nat(ACTIVE.length - 1),
      amount: fc.constantFrom('5000000.00', '20000000.00', '40000000.00'),
      validTo: fc.constantFrom('2025-03-15', '2025-06-15', '2025-12-31'),
      underGroupLimit: fc.boolean(),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('approve' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('reject' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('renew' as const), pick: fc.nat(), amount: fc.constantFrom('10000000.00', '60000000.00') }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('draw' as const), pick: fc.nat(), amount: fc.constantFrom('1000000.00', '3000000.00'), product: fc.constantFrom('loan' as const, 'acceptance' as const) }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('repay' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('link' as const), from: fc.nat(ACTIVE.length - 1), to: fc.nat(ACTIVE.length - 1) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('unlink' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('capital' as const), netCapital: fc.constantFrom('1000000000.00', '200000000.00') }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('groupLimit' as const), customer: fc.nat(), approveNow: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('approveGroupLimit' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('file' as const), quarter: fc.nat() }) },
  { weight: 5, arbitrary: fc.constant({ op: 'advance' as const }) },
);

// back: how many steps of DATES the command is dated before today; ask: which quarter ends (bits) are asked after it.
const stepArb: fc.Arbitrary<Step> = fc.tuple(opArb, fc.nat(4), fc.nat(7)).map(([op, back, ask]) => ({ ...op, back, ask }));

const pick = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);

const SORTS: readonly GroupSort[] = ['capUtilization', 'comprehensiveLimit', 'exposure', 'groupId'];

/** Every page of two of the groups list as of the date, in every sort, with the cursor that led to each. */
async function groupPages(projection: BookProjection, asOf: string): Promise<string[]> {
  const pages: string[] = [];
  for (const sort of SORTS) {
    let cursor: string | undefined;
    do {
      const page = await projection.groupsPage({ sort, limit: 2, asOf, cursor });
      pages.push(JSON.stringify([sort, cursor ?? null, page]));
      cursor = page.next ?? undefined;
    } while (cursor !== undefined);
  }
  return pages;
}

/** Every answer the report gives for a date that the kept rows feed: both units, a threshold, and for filing. */
async function answers(projection: BookProjection, asOf: string, queries: readonly LargeCreditQuery[]): Promise<string[]> {
  const all: string[] = [];
  for (const query of queries) all.push(JSON.stringify(await projection.largeCreditReport({ ...query, asOf })));
  all.push(JSON.stringify(await projection.largeCreditReportForFiling(asOf)));
  return all;
}

describe('rows kept per date (property)', () => {
  it('answer, after every step of a random history, what the whole book answers: the report as of each quarter end and the business date, the groups list as of the business date', async () => {
    // Commands accepted per type over all runs: the histories must reach every kind of event they are meant to.
    const accepted = new Map<string, number>();
    await fc.assert(
      // Without net capital at the start (a run in four) no group has a cap until a step declares one: the groups
      // list then ends with the groups that have no capUtilization.
      fc.asyncProperty(fc.array(stepArb, { minLength: 5, maxLength: 30 }), fc.nat(3), async (steps, capitalAtStart) => {
        const book = new TestBook();
        if (capitalAtStart > 0) await book.declareCapital('2024-12-31', '1000000000.00', '2025-01-02');
        // A subject's limits above 30,000,000.00 in all are requests for an approver: approvals come later, on their own date.
        await book.run({ type: 'ChangePolicy', escalationThreshold: '30000000.00' }, '2025-01-02', ADMIN);
        for (const id of [...ACTIVE, ...BACKGROUND]) await book.register(id, `${id} Ltd`, '2025-01-02', 'enterprise', id === 'C-A' ? '91110000MA0000001L' : undefined);
        // A limit needs net capital in force (its cap): without it, none until a step declares it.
        const background = capitalAtStart > 0;
        if (background) for (const id of BACKGROUND) await book.grant(`L-${id}`, id, '5000000.00', '2025-01-01', '2025-12-31', '2025-01-02');
        for (const id of BACKGROUND_GROUPS) {
          await book.register(id, `${id} Holdings`, '2025-01-02');
          await book.register(`${id}-S`, `${id} Subsidiary`, '2025-01-02');
          await book.holds(`R-${id}`, id, `${id}-S`, '0.6', '2025-01-02');
          if (background) await book.grant(`L-${id}`, id, '5000000.00', '2025-01-01', '2025-12-31', '2025-01-02');
        }
        const kept = new BookProjection(book.store, { today: () => book.today });
        await kept.start();
        const caughtUp = async (projection: BookProjection) => {
          const head = await book.store.headPosition();
          if (head !== null) expect(await projection.waitFor(head, 5_000)).toBe(true);
        };
        /** A projection opened afresh: its first ask of each date reads the whole book. */
        const wholeBookAnswers = async (dates: readonly string[], queries: readonly LargeCreditQuery[]) => {
          const fresh = new BookProjection(book.store, { today: () => book.today });
          await fresh.start();
          try {
            const all: string[][] = [];
            for (const asOf of dates) all.push(await answers(fresh, asOf, queries));
            return all;
          } finally {
            await fresh.stop();
          }
        };
        const compare = async (dates: readonly string[], queries: readonly LargeCreditQuery[]) => {
          if (dates.length === 0) return;
          await caughtUp(kept);
          const expected = await wholeBookAnswers(dates, queries);
          for (const [i, asOf] of dates.entries()) expect([asOf, ...(await answers(kept, asOf, queries))]).toEqual([asOf, ...expected[i]]);
        };
        const compareLimitLists = async (dates: readonly string[]) => {
          await caughtUp(kept);
          for (const asOf of dates) {
            const every = (await kept.limits({ limit: 10_000, asOf })).items;
            expect([asOf, (await kept.limits({ status: 'pending', limit: 10_000, asOf })).items]).toEqual([asOf, every.filter((limit) => limit.requestedBy !== null)]);
            for (const customerId of ACTIVE) {
              expect([asOf, customerId, (await kept.limits({ customerId, limit: 10_000, asOf })).items]).toEqual([asOf, customerId, every.filter((limit) => limit.customerId === customerId)]);
            }
            const everyGroupLimit = kept.groupLimits({ limit: 10_000, asOf }).items;
            const awaiting = everyGroupLimit.filter((g) => (g.status === 'pending' && g.requestedBy !== null) || g.pendingRenewal !== null);
            expect([asOf, kept.groupLimits({ status: 'pending', limit: 10_000, asOf }).items]).toEqual([asOf, awaiting]);
          }
        };
        const compareGroupLists = async () => {
          await caughtUp(kept);
          const fresh = new BookProjection(book.store, { today: () => '2000-01-01' });
          await fresh.start();
          try {
            expect(await groupPages(kept, book.today)).toEqual(await groupPages(fresh, book.today));
          } finally {
            await fresh.stop();
          }
        };

        let today = 0;
        let seq = 0;
        const run = async (command: BookCommand | undefined, on: string, by = OFFICER) => {
          if (!command) return;
          // Refusals (a back-dated command before a limit's last change, a link already recorded) are part of the game.
          const decided = decide(command, book.state, { actor: by, effectiveDate: on, today: book.today });
          if (isRefusal(decided)) return;
          await book.run(command, on, by);
          accepted.set(command.type, (accepted.get(command.type) ?? 0) + 1);
        };
        try {
          for (const step of steps) {
            if (step.op === 'advance') today = Math.min(today + 1, DATES.length - 1);
            if (DATES[today] > book.today) book.today = DATES[today];
            const on = DATES[Math.max(0, today - step.back)];
            const limits = [...book.state.limits.values()];
            const groupOn = (customerId: string) => book.state.groupOf.get(customerId);
            switch (step.op) {
              case 'grant': {
                const customerId = ACTIVE[step.customer];
                const groupId = groupOn(customerId);
                const groupLimitId = step.underGroupLimit && groupId !== undefined ? pick([...(book.state.groupLimitsByGroup.get(groupId) ?? [])], seq) : undefined;
                await run(
                  { type: 'GrantLimit', limitId: `L${++seq}`, customerId, amount: step.amount, validFrom: '2025-01-01', validTo: step.validTo, ...(groupLimitId ? { groupLimitId } : {}) },
                  on,
                );
                break;
              }
              case 'approve': {
                const limit = pick(limits.filter((l) => l.requestedBy !== null), step.pick);
                await run(limit && { type: 'ApproveLimit', limitId: limit.limitId }, on, APPROVER);
                break;
              }
              case 'reject': {
                const limit = pick(limits.filter((l) => l.requestedBy !== null || l.pendingRenewal !== null), step.pick);
                await run(limit && { type: 'RejectLimit', limitId: limit.limitId, reason: 'concentration' }, on, APPROVER);
                break;
              }
              case 'renew': {
                const limit = pick(limits, step.pick);
                await run(limit && { type: 'RenewLimit', limitId: limit.limitId, amount: step.amount, validTo: '2026-06-30' }, on);
                break;
              }
              case 'draw': {
                const limit = pick(limits, step.pick);
                const margin = step.product === 'acceptance' ? { margin: '500000.00' } : {};
                await run(limit && { type: 'BookDrawdown', drawdownId: `D${++seq}`, limitId: limit.limitId, amount: step.amount, product: step.product, ...margin }, on);
                break;
              }
              case 'repay': {
                const drawdown = pick([...book.state.drawdowns.values()].filter((d) => d.outstanding >= 50_000_000n), step.pick);
                await run(drawdown && { type: 'BookRepayment', drawdownId: drawdown.drawdownId, amount: '500000.00' }, on);
                break;
              }
              case 'link':
                await run({ type: 'RecordRelation', relationId: `R${++seq}`, from: ACTIVE[step.from], to: ACTIVE[step.to], relationType: 'equity', share: '0.6' }, on);
                break;
              case 'unlink': {
                const relation = pick([...book.state.relations.values()].filter((r) => r.until === null), step.pick);
                await run(relation && { type: 'RemoveRelation', relationId: relation.relationId }, on);
                break;
              }
              case 'capital':
                await run({ type: 'DeclareNetCapital', asOf: on, netCapital: step.netCapital }, on, ADMIN);
                break;
              case 'groupLimit': {
                const groupId = pick([...new Set(ACTIVE.map(groupOn).filter((g) => g !== undefined))], step.customer);
                const groupLimitId = `GL${++seq}`;
                await run(groupId === undefined ? undefined : { type: 'RequestGroupLimit', groupLimitId, groupId, amount: '50000000.00', validFrom: '2025-01-01', validTo: '2025-12-31' }, on);
                if (step.approveNow && book.state.groupLimits.has(groupLimitId)) await run({ type: 'ApproveGroupLimit', groupLimitId }, on, APPROVER);
                break;
              }
              case 'approveGroupLimit': {
                const groupLimit = pick([...book.state.groupLimits.values()].filter((g) => g.status === 'pending'), step.pick);
                await run(groupLimit && { type: 'ApproveGroupLimit', groupLimitId: groupLimit.groupLimitId }, on, APPROVER);
                break;
              }
              case 'file': {
                const asOf = pick(QUARTER_ENDS.filter((q) => q < book.today), step.quarter);
                if (asOf === undefined) break;
                await caughtUp(kept);
                await run(fileLargeCreditReportCommand(await kept.largeCreditReportForFiling(asOf)), book.today, RISK);
                break;
              }
              case 'advance':
                break;
              default: {
                const unhandled: never = step;
                throw new Error(`unknown step ${JSON.stringify(unhandled)}`);
              }
            }
            // The business date every time, as the dashboard's overview asks it.
            await compare([...new Set([...QUARTER_ENDS.filter((_, i) => (step.ask >> i) & 1), book.today])], [{}]);
            await compareGroupLists();
            await compareLimitLists([book.today, DATES[Math.max(0, today - 2)]]);
          }
          await compare([...new Set([...QUARTER_ENDS, book.today])], [{}, { unit: 'wan' }, { threshold: '1000', unit: 'wan' }]);
        } finally {
          await kept.stop();
          await book.close();
        }
      }),
      // A fixed seed: the check below wants every kind accepted somewhere in the hundred histories, and a rejection needs a
      // pending limit first, so a draw with none failed it now and then (2026-12-03) without anything being wrong.
      { numRuns: 100, seed: 20261203 },
    );
    const kinds = ['GrantLimit', 'ApproveLimit', 'RejectLimit', 'RenewLimit', 'BookDrawdown', 'BookRepayment', 'RecordRelation', 'RemoveRelation', 'DeclareNetCapital', 'RequestGroupLimit', 'ApproveGroupLimit', 'FileLargeCreditReport'];
    expect(kinds.filter((kind) => !accepted.has(kind))).toEqual([]);
    // A hundred histories, each compared with fresh projections after every step: 73 s alone on a slow 2-core machine
    // (2026-12-02), over the suite's 60 s.
  }, 240_000);
});
