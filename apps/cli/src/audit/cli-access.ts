import { randomUUID } from 'node:crypto';
import { AuditRecordData } from '@groupcap/event-store';
import { CliFailure } from '../shell/cli-errors';
import { CliConfig, withStore } from '../shell/cli-config';
import { CliIdentity } from '../shell/cli-identity';
import { CliShell } from '../shell/cli-shell';

/**
 * Records, durably and before anything is printed, that `identity` is about to read customer-level data from the
 * CLI (domain.md section 7). No record, no output: a store that keeps no records stops the command.
 */
export async function recordCliRead(
  shell: Pick<CliShell, 'env' | 'clock'>,
  config: CliConfig,
  identity: CliIdentity,
  action: string,
  subject: AuditRecordData['subject'],
): Promise<void> {
  await withStore(config, shell, async (store) => {
    if (store.auditRecords === undefined) throw new CliFailure('this event store keeps no access records: the read cannot be recorded');
    await store.auditRecords.append([
      {
        at: shell.clock().toISOString(),
        channel: 'cli',
        kind: 'read',
        actor: identity,
        action: action.slice(0, 512),
        subject,
        correlationId: randomUUID(),
        // Allowed and shown, as a 200 over HTTP.
        outcome: { status: 200 },
      },
    ]);
  });
}
