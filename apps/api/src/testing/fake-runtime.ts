import type { EventStore, ReadAllOptions, RecordedEvent } from '@groupcap/event-store';
import type { CustomerReadModel, GroupReadModel, LogEntry, ReadModels } from '@groupcap/projections';
import type { CommandOutcome, CommandSubmission } from '@groupcap/writer';
import { EMPTY } from 'rxjs';
import { ServerRole } from '../config/server-role';
import { ApiRuntime } from '../runtime/api-runtime';
import { CommandWriter } from '../runtime/command-writer.port';

/** Records what it is given and answers with whatever the test scripts. */
export class FakeWriter implements CommandWriter {
  readonly submissions: CommandSubmission[] = [];
  answer: (submission: CommandSubmission) => CommandOutcome | Promise<CommandOutcome> = () => ({
    status: 'accepted',
    position: 7n,
    events: [],
    pendingApproval: false,
    replayed: false,
  });

  async submit(submission: CommandSubmission): Promise<CommandOutcome> {
    this.submissions.push(submission);
    return this.answer(submission);
  }
}

export class FakeReadModels implements ReadModels {
  readonly customers = new Map<string, CustomerReadModel>();
  readonly groupsById = new Map<string, GroupReadModel>();
  readonly histories = new Map<string, LogEntry[]>();
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  current: bigint | null = 10n;

  position(): bigint | null {
    return this.current;
  }
  async waitFor(position: bigint): Promise<boolean> {
    this.calls.push({ method: 'waitFor', args: [position] });
    return this.current !== null && this.current >= position;
  }
  customer(customerId: string, asOf?: string): CustomerReadModel | undefined {
    this.calls.push({ method: 'customer', args: [customerId, asOf] });
    return this.customers.get(customerId);
  }
  group(groupId: string, asOf?: string): GroupReadModel | undefined {
    this.calls.push({ method: 'group', args: [groupId, asOf] });
    return this.groupsById.get(groupId);
  }
  groups(options: Parameters<ReadModels['groups']>[0]): GroupReadModel[] {
    this.calls.push({ method: 'groups', args: [options] });
    return [...this.groupsById.values()].slice(0, options.limit);
  }
  breaches(asOf?: string) {
    this.calls.push({ method: 'breaches', args: [asOf] });
    return [];
  }
  groupLimit(groupLimitId: string, asOf?: string) {
    this.calls.push({ method: 'groupLimit', args: [groupLimitId, asOf] });
    return undefined;
  }
  async customerHistory(customerId: string) {
    this.calls.push({ method: 'customerHistory', args: [customerId] });
    return this.histories.get(customerId) ?? [];
  }
}

/** Only readAll and headPosition are used by the API; the log is an array. */
export class FakeEventStore implements EventStore {
  constructor(readonly events: RecordedEvent[] = []) {}

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const from = options.fromPosition ?? 0n;
    const page = this.events.filter((e) => e.position >= from).slice(0, options.maxCount ?? Infinity);
    for (const event of page) yield event;
  }
  async headPosition(): Promise<bigint | null> {
    return this.events.length > 0 ? this.events[this.events.length - 1].position : null;
  }
  append(): never {
    throw new Error('the API never appends');
  }
  readStream(): never {
    throw new Error('the API never reads a stream');
  }
  subscribeToAll() {
    return EMPTY;
  }
  async close(): Promise<void> {}
}

export interface FakeRuntime extends ApiRuntime {
  ready: boolean;
  stopped: boolean;
}

export function fakeRuntime(parts: { role?: ServerRole; writer?: CommandWriter | null; readModels?: ReadModels | null; store?: EventStore } = {}): FakeRuntime {
  const runtime: FakeRuntime = {
    role: parts.role ?? 'all',
    store: parts.store ?? new FakeEventStore(),
    writer: parts.writer === undefined ? new FakeWriter() : parts.writer,
    readModels: parts.readModels === undefined ? new FakeReadModels() : parts.readModels,
    ready: true,
    stopped: false,
    isReady: () => runtime.ready,
    stop: async () => {
      runtime.stopped = true;
    },
  };
  return runtime;
}
