import { BookState, BusinessDate, evolveOn, groupOn, heldFrom, initialBookState } from '@groupcap/domain';
import { BookLogEntry, bookCommands } from '../log/book-commands';
import { CliFailure, CliUsageError } from '../shell/cli-errors';
import { readCliConfig, withStore } from '../shell/cli-config';
import { CliShell, say } from '../shell/cli-shell';
import { eventSubjects } from './event-subjects';
import { summarize } from './event-summary';

export interface HistoryOptions {
  customer?: string;
  group?: string;
  json: boolean;
}

/**
 * Whether an event belongs to the history asked for: it names the customer (or the group), or it names the
 * customer's group (or one of the group's members) on the business date the event holds from: before or after
 * its command, so the link that forms a group is part of the group's history.
 */
export function belongsTo(
  target: { customer: string } | { group: string },
  event: BookLogEntry['event'],
  before: BookState,
  after: BookState,
  date: BusinessDate,
): boolean {
  const { customers, groups } = eventSubjects(event);
  const groupsOf = (c: string) => [groupOn(before, c, date), groupOn(after, c, date)];
  if ('customer' in target) {
    if (customers.includes(target.customer)) return true;
    const own = groupsOf(target.customer);
    return groups.some((g) => own.includes(g));
  }
  if (groups.includes(target.group)) return true;
  return customers.some((c) => groupsOf(c).includes(target.group));
}

/** A group change or breach restated for a later date by a back-dated command says so after its summary. */
function restated(event: BookLogEntry['event']): string {
  const from = 'effectiveFrom' in event.data ? event.data.effectiveFrom : undefined;
  return from === undefined ? '' : ` (from ${from})`;
}

function line(entry: BookLogEntry): string {
  const { recorded, event } = entry;
  const { effectiveDate, recordedAt, actor } = recorded.metadata;
  return `#${recorded.position}  ${effectiveDate}  ${recordedAt}  ${actor.userId} [${actor.roles.join(',')}]  ${event.type.padEnd(21)}  ${summarize(event)}${restated(event)}`;
}

function jsonLine(entry: BookLogEntry): string {
  const { recorded, event } = entry;
  const { effectiveDate, recordedAt, actor, commandId, correlationId } = recorded.metadata;
  return JSON.stringify({
    position: recorded.position.toString(),
    effectiveDate,
    recordedAt,
    actor,
    type: event.type,
    version: recorded.version,
    summary: summarize(event),
    commandId,
    correlationId,
    data: event.data,
  });
}

/** Every event about a customer or a group, one line each, from the log itself (the record, domain.md section 7). */
export async function history(shell: CliShell, options: HistoryOptions): Promise<void> {
  if ((options.customer === undefined) === (options.group === undefined)) throw new CliUsageError('give exactly one of --customer ID or --group ID');
  const target = options.customer !== undefined ? { customer: options.customer } : { group: options.group! };
  const config = readCliConfig(shell);
  let found = 0;
  await withStore(config, shell, async (store) => {
    let state: BookState = initialBookState;
    for await (const command of bookCommands(store)) {
      const before = state;
      state = command.reduce((s, entry) => evolveOn(entry.recorded.metadata.effectiveDate)(s, entry.event), state);
      for (const entry of command) {
        if (!belongsTo(target, entry.event, before, state, heldFrom(entry.event, entry.recorded.metadata.effectiveDate))) continue;
        found++;
        say(shell.stdout, options.json ? jsonLine(entry) : line(entry));
      }
    }
  });
  if (found === 0) throw new CliFailure(`${'customer' in target ? `customer ${target.customer}` : `group ${target.group}`} does not appear in the log`);
}
