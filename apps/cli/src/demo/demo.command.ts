import { BookState, CustomerKind, capOf, measuresOf, parseMoney, parseSubjectKey } from '@groupcap/domain';
import { BookWriter } from '@groupcap/writer';
import { yuan } from '../output/amounts';
import { startProgress } from '../progress/progress';
import { CliFailure, CliUsageError } from '../shell/cli-errors';
import { readCliConfig, withStore } from '../shell/cli-config';
import { CliShell, say } from '../shell/cli-shell';
import { DemoOutcome, loadDemo } from './load-demo';
import { DemoPlan, planDemoBook } from './demo-plan';
import { SimulatedDay } from './simulated-day';

export interface DemoOptions {
  seed: number;
}

const KIND_NAMES: Record<CustomerKind, string> = {
  enterprise: 'enterprises',
  'financial-institution': 'financial institutions',
  individual: 'natural persons',
  'state-asset-regulator': 'state-asset regulator',
  sovereign: 'sovereigns',
};

function summary(state: BookState, plan: DemoPlan, outcome: DemoOutcome, position: bigint | null): string[] {
  const kinds = new Map<CustomerKind, number>();
  for (const c of state.customers.values()) kinds.set(c.kind, (kinds.get(c.kind) ?? 0) + 1);
  const sizes = [...state.groups.values()].map((g) => g.members.size);
  const statuses = new Map<string, number>();
  for (const l of state.limits.values()) statuses.set(l.status, (statuses.get(l.status) ?? 0) + 1);
  const repayments = plan.actions.filter((a) => a.command.type === 'BookRepayment').length;
  const netCapital = parseMoney(plan.netCapital);
  const lines = [
    `Demo book loaded (seed ${plan.seed}): ${outcome.commands} commands, ${outcome.events} events, up to log position ${position ?? '-'}; business days 2025-01-02 to ${outcome.lastDay}, each decided on its own day.`,
    `  net capital ${yuan(netCapital)} as of 2024-12-31: group cap ${yuan(netCapital * 15n / 100n)}, single-customer cap ${yuan(netCapital / 10n)}`,
    `  customers: ${state.customers.size} (${[...kinds].map(([k, n]) => `${n} ${KIND_NAMES[k]}`).join(', ')})`,
    `  groups: ${state.groups.size}, of ${Math.min(...sizes)} to ${Math.max(...sizes)} members; ${[...state.customers.keys()].filter((c) => !state.groupOf.has(c)).length} customers stand alone`,
    `  limits: ${[...statuses].map(([s, n]) => `${n} ${s}`).join(', ')}; approvals by a second user: ${outcome.approvals}, rejections: ${outcome.rejections}`,
    `  drawdowns: ${state.drawdowns.size}, repayments: ${repayments}; requests left awaiting approval: ${outcome.pending.join(', ') || 'none'}`,
  ];
  for (const [key, byBasis] of state.breaches) {
    // The 2010 breach book: a group or a standalone customer.
    const subject = parseSubjectKey(key);
    if (subject.subjectType === 'connected-group') continue;
    const name = subject.subjectType === 'group' ? state.groups.get(subject.groupId)?.name : state.customers.get(subject.customerId)?.name;
    const measures = measuresOf(state, subject, outcome.lastDay);
    const cap = capOf(state, subject, outcome.lastDay);
    for (const basis of byBasis.keys()) {
      lines.push(`  IN BREACH: ${subject.subjectType === 'group' ? `group ${subject.groupId}` : key} ${name ?? ''}, ${basis} ${yuan(measures[basis])} over its cap of ${cap ? yuan(cap.cap) : '-'}`);
    }
  }
  lines.push('', 'What the rules refused on purpose:');
  for (const r of outcome.refusals) lines.push(`  ${r.date} ${r.code}: ${r.note}`);
  lines.push('', 'Along the way:');
  for (const n of outcome.notes) lines.push(`  ${n.date} ${n.note}`);
  return lines;
}

/** A value as one shell word, quoted only when it needs to be. */
function shellWord(value: string): string {
  return /^[A-Za-z0-9_./:=,@%+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * What to try next, each line working when pasted as printed: the same store (DATA_DIR, EVENT_STORE...), a
 * BUSINESS_DATE inside the demo's year for the server (otherwise its first batch of today would book system
 * events dated after the demo's last day), and `npm run -s` where output is captured.
 */
export function nextSteps(env: NodeJS.ProcessEnv, mergedGroupId: string, lastDate: string): string[] {
  const prefix = ['DATA_DIR', 'EVENT_STORE', 'EVENTSTORE_CONNECTION_STRING']
    .filter((name) => env[name] !== undefined && env[name]!.trim() !== '')
    .map((name) => `${name}=${shellWord(env[name]!)} `)
    .join('');
  // The demo year's last day: the year-end report date, after every command of the book.
  const businessDate = env.BUSINESS_DATE?.trim() || `${lastDate.slice(0, 4)}-12-31`;
  const port = env.PORT?.trim() || '3000';
  return [
    '',
    'Next steps (each line works pasted as it is, from this directory):',
    `  1. Start the API on this book, in another terminal (BUSINESS_DATE: "today" stays in the demo's year):`,
    `       ${prefix}BUSINESS_DATE=${businessDate} npm start`,
    `  2. Mint a token for risk staff (the CLI's reads of customer data run under it too, and are recorded):`,
    `       T=$(${prefix}npm run -s cli -- token --sub risk-1 --roles risk,regulator)`,
    `  3. Open the API documentation:     http://localhost:${port}/docs`,
    `  4. The year-end report over HTTP:`,
    `       curl -H "Authorization: Bearer $T" 'http://localhost:${port}/api/v1/reports/large-credit?asOf=2025-12-31&unit=wan'`,
    `     or from the log alone:`,
    `       ${prefix}npm run -s cli -- --token "$T" report --as-of 2025-12-31 --format xlsx --unit wan --out large-credit-2025-12-31.xlsx`,
    `  5. Who did what to the merged group:`,
    `       ${prefix}npm run -s cli -- --token "$T" history --group ${mergedGroupId}`,
    `  6. What if the group cap were 12%:`,
    `       ${prefix}npm run -s cli -- --token "$T" what-if --policy groupCapRatio=0.12 --as-of 2025-12-31`,
  ];
}

/**
 * Loads a realistic demo book into an empty store through the single writer, so every rule of the domain
 * applies to it, and says what is in it and what to try next.
 */
export async function demo(shell: CliShell, options: DemoOptions): Promise<void> {
  const config = readCliConfig(shell);
  const plan = planDemoBook(options.seed);
  const today = config.today();
  if (today < plan.lastDate) {
    throw new CliUsageError(`the demo book runs to ${plan.lastDate}, after today (${today}): set BUSINESS_DATE=${plan.lastDate} or later`);
  }
  await withStore(config, shell, async (store) => {
    const head = await store.headPosition();
    if (head !== null) {
      throw new CliFailure(
        `This store already holds a credit book (its log reaches position ${head}), so the demo was not loaded: it goes only into an empty store.\n` +
          'Point DATA_DIR at a fresh directory (for example DATA_DIR=./demo-data npm run cli -- demo), or use another EventStoreDB.',
      );
    }
    const day = new SimulatedDay(plan.seed, plan.actions[0].date);
    const writer = new BookWriter(store, { today: day.today, clock: day.clock, newId: day.newId, maxBatch: 2048 });
    await writer.start();
    let outcome: DemoOutcome;
    const progress = startProgress(shell, 'demo', { end: BigInt(plan.actions.length), unit: 'commands' });
    let reported = 0;
    try {
      outcome = await loadDemo(writer, plan, {
        onDay: (d) => day.set(d),
        onAction: (done) => {
          while (reported < done) progress.advance(BigInt(++reported));
        },
      });
    } finally {
      await writer.stop();
    }
    progress.finish('');
    for (const line of [...summary(writer.currentState, plan, outcome, writer.position), ...nextSteps(shell.env, writer.currentState.groupOf.get(plan.highlights.mergedMember) ?? '<group>', plan.lastDate)]) say(shell.stdout, line);
  });
}

