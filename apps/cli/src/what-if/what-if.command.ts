import {
  InvalidScenarioError,
  WhatIfBreach,
  WhatIfReplay,
  WhatIfScenario,
  formatMoney,
  netCapitalOn,
  policyOn,
  replayCommand,
  startWhatIf,
  whatIfBreaches,
} from '@groupcap/domain';
import { bookCommands } from '../log/book-commands';
import { yuan } from '../output/amounts';
import { table } from '../output/table';
import { startProgress } from '../progress/progress';
import { CliUsageError } from '../shell/cli-errors';
import { readCliConfig, withStore } from '../shell/cli-config';
import { CliShell, say } from '../shell/cli-shell';

export interface WhatIfOptions {
  scenario: WhatIfScenario;
  asOf?: string;
  json: boolean;
}

const who = (b: WhatIfBreach) => (b.subject.subjectType === 'group' ? `group ${b.subject.groupId}` : `customer ${b.subject.customerId}`);

/**
 * Replays the book under another cap policy or net capital and prints who would be over which cap, by how
 * much and since when. Read-only: nothing is written anywhere; the pure replay is the domain's (what-if.replay).
 */
export async function whatIfCommand(shell: CliShell, options: WhatIfOptions): Promise<void> {
  const config = readCliConfig(shell);
  const asOf = options.asOf ?? config.today();
  let replay: WhatIfReplay;
  try {
    replay = startWhatIf(options.scenario);
  } catch (error) {
    if (error instanceof InvalidScenarioError) throw new CliUsageError(error.message);
    throw error;
  }
  await withStore(config, shell, async (store) => {
    const progress = startProgress(shell, 'what-if', { end: await store.headPosition() });
    for await (const command of bookCommands(store)) {
      const last = command[command.length - 1].recorded;
      for (const entry of command) progress.advance(entry.recorded.position);
      const effectiveDate = last.metadata.effectiveDate;
      if (effectiveDate > asOf) continue;
      replay = replayCommand(replay, { effectiveDate, events: command.map((e) => e.event), position: last.position.toString() });
    }
    progress.finish();
  });

  const breaches = whatIfBreaches(replay, asOf);
  const logCapital = netCapitalOn(replay.facts, asOf);
  const logPolicy = policyOn(replay.facts.policyChanges, asOf);
  const { groupCapRatio, singleCustomerCapRatio, netCapital } = options.scenario;
  if (options.json) {
    const scenario = { ...options.scenario, netCapital: netCapital === undefined ? undefined : formatMoney(netCapital) };
    const log = { groupCapRatio: logPolicy.groupCapRatio, singleCustomerCapRatio: logPolicy.singleCustomerCapRatio, netCapital: logCapital === undefined ? null : formatMoney(logCapital) };
    const rows = breaches.map((b) => ({
      subjectType: b.subject.subjectType,
      groupId: b.subject.subjectType === 'group' ? b.subject.groupId : null,
      customerId: b.subject.subjectType === 'customer' ? b.subject.customerId : null,
      name: b.name,
      basis: b.basis,
      measure: formatMoney(b.measure),
      cap: formatMoney(b.cap),
      excess: formatMoney(b.excess),
      since: b.since,
      sincePosition: b.sincePosition,
      breachedInLog: b.breachedInLog,
    }));
    say(shell.stdout, JSON.stringify({ asOf, scenario, log, breaches: rows }, null, 2));
    return;
  }

  const settings = [
    groupCapRatio !== undefined ? `groupCapRatio ${groupCapRatio} (log: ${logPolicy.groupCapRatio})` : undefined,
    singleCustomerCapRatio !== undefined ? `singleCustomerCapRatio ${singleCustomerCapRatio} (log: ${logPolicy.singleCustomerCapRatio})` : undefined,
    netCapital !== undefined ? `net capital ${yuan(netCapital)} (log: ${logCapital === undefined ? 'none declared' : yuan(logCapital)})` : undefined,
  ].filter((s) => s !== undefined);
  say(shell.stdout, `What-if as of ${asOf}: ${settings.join('; ')}. Nothing was written.`);
  if (breaches.length === 0) {
    say(shell.stdout, 'No group or customer would be over its cap.');
    return;
  }
  const onlyHere = breaches.filter((b) => !b.breachedInLog).length;
  say(shell.stdout, `${breaches.length} over their cap (${onlyHere} only under this scenario; the others are in breach in the log too):`);
  const rows = breaches.map((b) => [who(b), b.name, b.basis, yuan(b.measure), yuan(b.cap), yuan(b.excess), b.since, b.sincePosition ?? '', b.breachedInLog ? 'yes' : 'no']);
  for (const line of table(['subject', 'name', 'basis', 'measure', 'cap', 'over by', 'since', 'at position', 'in log'], rows, new Set([3, 4, 5]))) say(shell.stdout, line);
}
