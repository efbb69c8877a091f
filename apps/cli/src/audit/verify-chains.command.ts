import { EventStore, verifyAuditChain, verifyLogChain } from '@groupcap/event-store';
import { CliFailure } from '../shell/cli-errors';
import { readCliConfig, withStore } from '../shell/cli-config';
import { CliShell, say } from '../shell/cli-shell';

export interface ChainChecks {
  log: boolean;
  audit: boolean;
}

/**
 * Recomputes the hash chains from what the store holds: the event log (`--log`: every event against its stream's
 * previous link, revisions without gaps in position order) and the access and refusal records (`--audit`).
 * Prints each chain's head: compare it with one kept elsewhere to detect a rewritten chain or a cut tail.
 * Exit 1 at the first break, naming where and why.
 */
export async function verifyChains(shell: CliShell, checks: ChainChecks): Promise<void> {
  const config = readCliConfig(shell);
  await withStore(config, shell, async (store) => {
    if (checks.log) await verifyLog(shell, store);
    if (checks.audit) await verifyAudit(shell, store);
  });
}

async function verifyLog(shell: CliShell, store: EventStore): Promise<void> {
  if (store.logChain === undefined) throw new CliFailure('this event store keeps no hash chain over its events');
  const result = await verifyLogChain(store.logChain.readAll());
  if (!result.ok && result.problem) {
    throw new CliFailure(`event log: ALTERED at position ${result.problem.at}: ${result.problem.reason} (${result.events} events before it verified)`);
  }
  const legacy = result.unchained === 0 ? '' : `; ${result.unchained} written before the chain began are not covered`;
  say(shell.stdout, `event log: OK, ${result.events} events in ${result.streams.length} stream(s) match their hash chain${legacy}`);
  for (const head of result.streams) say(shell.stdout, `  head of ${head.streamId}: revision ${head.revision} ${head.hash ?? '(unchained)'}`);
}

async function verifyAudit(shell: CliShell, store: EventStore): Promise<void> {
  if (store.auditRecords === undefined) throw new CliFailure('this event store keeps no access records');
  const result = await verifyAuditChain(store.auditRecords.read());
  if (!result.ok && result.problem) {
    throw new CliFailure(`access records: ALTERED at record ${result.problem.at}: ${result.problem.reason} (${result.records} records before it verified)`);
  }
  say(shell.stdout, `access records: OK, ${result.records} records match their hash chain; head ${result.head}`);
}
