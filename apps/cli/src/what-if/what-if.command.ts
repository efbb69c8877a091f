import {
  BookState,
  InvalidScenarioError,
  WhatIfBreach,
  WhatIfReplay,
  WhatIfScenario,
  formatMoney,
  netCapitalOn,
  policyOn,
  replayCommand,
  startWhatIf,
  evolveOn,
  initialBookState,
  tier1NetCapitalOn,
  whatIfBreaches,
} from '@groupcap/domain';
import { InvalidLargeExposureScenario, LargeExposureScenario, LargeExposureWhatIfRow, largeExposureWhatIf } from './large-exposure-what-if';
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

export interface LargeExposureWhatIfOptions {
  scenario: LargeExposureScenario;
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

const whoIn2018 = (r: LargeExposureWhatIfRow) =>
  r.subject.subjectType === 'customer' ? `client ${r.subject.customerId}` : `connected group ${r.subject.connectedGroupId} (${r.members.join(', ')})`;

/**
 * what-if --regime nfra-2018: the recorded facts up to the as-of date, under other 2018 cap ratios or capital
 * figures, and who would be over which 2018 cap on that date (large-exposure-what-if.ts). Read-only, like the 2010 one.
 */
export async function largeExposureWhatIfCommand(shell: CliShell, options: LargeExposureWhatIfOptions): Promise<void> {
  const config = readCliConfig(shell);
  const asOf = options.asOf ?? config.today();
  let facts: BookState = initialBookState;
  await withStore(config, shell, async (store) => {
    const progress = startProgress(shell, 'what-if', { end: await store.headPosition() });
    for await (const command of bookCommands(store)) {
      for (const entry of command) progress.advance(entry.recorded.position);
      const effectiveDate = command[command.length - 1].recorded.metadata.effectiveDate;
      if (effectiveDate <= asOf) facts = command.reduce((state, entry) => evolveOn(effectiveDate)(state, entry.event), facts);
    }
    progress.finish();
  });
  let rows: LargeExposureWhatIfRow[];
  try {
    rows = largeExposureWhatIf(facts, options.scenario, asOf);
  } catch (error) {
    if (error instanceof InvalidLargeExposureScenario) throw new CliUsageError(error.message);
    throw error;
  }
  const logPolicy = policyOn(facts.policyChanges, asOf);
  const logCapital = netCapitalOn(facts, asOf);
  const logTier1 = tier1NetCapitalOn(facts, asOf) ?? null;
  const { netCapital, tier1NetCapital, ...ratios } = options.scenario;
  if (options.json) {
    const scenario = { ...ratios, netCapital: netCapital === undefined ? undefined : formatMoney(netCapital), tier1NetCapital: tier1NetCapital === undefined ? undefined : formatMoney(tier1NetCapital) };
    const log = {
      tier1SingleClientRatio: logPolicy.tier1SingleClientRatio,
      singleClientLoanRatio: logPolicy.singleClientLoanRatio,
      tier1ConnectedGroupRatio: logPolicy.tier1ConnectedGroupRatio,
      tier1InterbankRatio: logPolicy.tier1InterbankRatio,
      netCapital: logCapital === undefined ? null : formatMoney(logCapital),
      tier1NetCapital: logTier1 === null ? null : formatMoney(logTier1),
    };
    const breaches = rows.map((r) => ({
      subjectType: r.subject.subjectType,
      customerId: r.subject.subjectType === 'customer' ? r.subject.customerId : null,
      connectedGroupId: r.subject.subjectType === 'connected-group' ? r.subject.connectedGroupId : null,
      members: r.members,
      name: r.name,
      basis: r.basis,
      measure: formatMoney(r.measure),
      cap: formatMoney(r.cap),
      excess: formatMoney(r.excess),
      ratio: r.ratio,
      breachedInLog: r.breachedInLog,
    }));
    say(shell.stdout, JSON.stringify({ asOf, regime: 'nfra-2018', scenario, log, breaches }, null, 2));
    return;
  }
  const settings = [
    ...Object.entries(ratios).map(([setting, value]) => `${setting} ${value} (log: ${logPolicy[setting as keyof typeof ratios]})`),
    netCapital !== undefined ? `net capital ${yuan(netCapital)} (log: ${logCapital === undefined ? 'none declared' : yuan(logCapital)})` : undefined,
    tier1NetCapital !== undefined ? `tier-1 net capital ${yuan(tier1NetCapital)} (log: ${logTier1 === null ? 'none declared' : yuan(logTier1)})` : undefined,
  ].filter((s) => s !== undefined);
  say(shell.stdout, `What-if (nfra-2018) as of ${asOf}: ${settings.join('; ')}. Nothing was written.`);
  if (rows.length === 0) {
    say(shell.stdout, 'No client or connected group would be over a 2018 cap.');
    return;
  }
  const onlyHere = rows.filter((r) => !r.breachedInLog).length;
  say(shell.stdout, `${rows.length} over a 2018 cap (${onlyHere} only under this scenario; the others are in breach in the log too):`);
  const table2018 = rows.map((r) => [whoIn2018(r), r.name, r.basis, yuan(r.measure), yuan(r.cap), yuan(r.excess), r.breachedInLog ? 'yes' : 'no']);
  for (const line of table(['subject', 'name', 'basis', 'measure', 'cap', 'over by', 'in log'], table2018, new Set([3, 4, 5]))) say(shell.stdout, line);
}
