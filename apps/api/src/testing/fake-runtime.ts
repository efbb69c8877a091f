import type { EventStore, ReadAllOptions, RecordedEvent } from '@groupcap/event-store';
import type { CustomerReadModel, GroupReadModel, LimitDetailReadModel, LogEntry, ReadModels } from '@groupcap/projections';
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
  readonly customersById = new Map<string, CustomerReadModel>();
  readonly limitsById = new Map<string, LimitDetailReadModel>();
  /** What awaitsDecisionOf answers: the subjects ("C-1", "G-1") with a request the approver may decide. */
  readonly awaitingDecision = new Set<string>();
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
  /** No thread keeps rows here: nothing to wait for. */
  async whenKept(): Promise<void> {}
  customer(customerId: string, asOf?: string): CustomerReadModel | undefined {
    this.calls.push({ method: 'customer', args: [customerId, asOf] });
    return this.customersById.get(customerId);
  }
  group(groupId: string, asOf?: string): GroupReadModel | undefined {
    this.calls.push({ method: 'group', args: [groupId, asOf] });
    return this.groupsById.get(groupId);
  }
  async groups(options: Parameters<ReadModels['groups']>[0]): Promise<GroupReadModel[]> {
    this.calls.push({ method: 'groups', args: [options] });
    return [...this.groupsById.values()].slice(0, options.limit);
  }
  async groupsPage(options: Parameters<ReadModels['groupsPage']>[0]) {
    this.calls.push({ method: 'groupsPage', args: [options] });
    return { items: [...this.groupsById.values()].slice(0, options.limit), next: null };
  }
  async limits(query: Parameters<ReadModels['limits']>[0]) {
    this.calls.push({ method: 'limits', args: [query] });
    return { items: [...this.limitsById.values()].slice(0, query.limit).map(({ drawdowns: _drawdowns, ...limit }) => ({ ...limit, ifApproved: null })), next: null };
  }
  limit(limitId: string, asOf?: string) {
    this.calls.push({ method: 'limit', args: [limitId, asOf] });
    return this.limitsById.get(limitId);
  }
  customers(query: Parameters<ReadModels['customers']>[0]) {
    this.calls.push({ method: 'customers', args: [query] });
    return { items: [...this.customersById.values()].map(({ limits: _limits, ...summary }) => summary).slice(0, query.limit), next: null };
  }
  policy(asOf?: string) {
    this.calls.push({ method: 'policy', args: [asOf] });
    return {
      asOf: asOf ?? '2026-03-31',
      groupCapRatio: '0.15',
      singleCustomerCapRatio: '0.10',
      escalationThreshold: '66000000.00',
      equityControlThreshold: '0.5',
      regimes: ['cbrc-2010' as const, 'nfra-2018' as const],
      tier1SingleClientRatio: '0.15',
      singleClientLoanRatio: '0.10',
      tier1ConnectedGroupRatio: '0.20',
      tier1InterbankRatio: '0.25',
      largeExposureRatio: '0.025',
      ccf: [{ product: 'acceptance', factor: '1.00' }],
    };
  }
  capital(asOf?: string) {
    this.calls.push({ method: 'capital', args: [asOf] });
    const declaration = { asOf: '2025-12-31', netCapital: '1000000000.00', tier1NetCapital: '800000000.00' };
    return { asOf: asOf ?? '2026-03-31', tier1NetCapital: declaration.tier1NetCapital, inForce: declaration, declarations: [declaration] };
  }
  awaitsDecisionOf(subject: { customerId: string } | { groupId: string }, userId: string) {
    this.calls.push({ method: 'awaitsDecisionOf', args: [subject, userId] });
    return this.awaitingDecision.has('customerId' in subject ? subject.customerId : subject.groupId);
  }
  breaches(asOf?: string) {
    this.calls.push({ method: 'breaches', args: [asOf] });
    return [];
  }
  groupLimit(groupLimitId: string, asOf?: string) {
    this.calls.push({ method: 'groupLimit', args: [groupLimitId, asOf] });
    return undefined;
  }  groupLimits(query: Parameters<ReadModels['groupLimits']>[0]) {
    this.calls.push({ method: 'groupLimits', args: [query] });
    return { items: [], next: null };
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
