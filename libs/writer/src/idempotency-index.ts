import { BookEvent, EVENT_VERSIONS, Refusal, awaitsApproval } from '@groupcap/domain';
import { RecordedEvent } from '@groupcap/event-store';
import { AcceptedEvent } from './command-submission';

export interface RememberedCommand {
  requestHash: string;
  events: AcceptedEvent[];
  pendingApproval: boolean;
  /** Null while the batch it belongs to is not yet durable. */
  position: bigint | null;
  commandId?: string;
  /** Set on the entries of client command ids (keyed by the id; `requestHash` is then commandBinding()'s). */
  binds?: 'command-id';
}

/** What a client's command id is bound to: the user and the request. The hash has a fixed length, so this is unambiguous. */
export function commandBinding(userId: string, requestHash: string): string {
  return `${userId}\n${requestHash}`;
}

/**
 * Idempotency keys of accepted commands live in the events' metadata, so the index is rebuilt from the log
 * on start and a repeated key is answered the same way before and after a restart. A refused command writes
 * nothing, so its key is remembered in memory only, oldest forgotten first (`refusalsKept`): after a restart
 * a repeat of a refused command is decided again.
 */
export class IdempotencyIndex {
  private readonly byKey = new Map<string, RememberedCommand>();
  /** Client command ids of recorded commands (metadata with a requestHash), apart from keys: the two namespaces never meet. */
  private readonly byCommandId = new Map<string, RememberedCommand>();
  private readonly refusals = new Map<string, { requestHash: string; refusal: Refusal }>();

  constructor(private readonly refusalsKept = 100_000) {}

  refusalFor(key: string): { requestHash: string; refusal: Refusal } | undefined {
    return this.refusals.get(key);
  }

  rememberRefusal(key: string, requestHash: string, refusal: Refusal): void {
    this.refusals.delete(key);
    this.refusals.set(key, { requestHash, refusal });
    if (this.refusals.size > this.refusalsKept) this.refusals.delete(this.refusals.keys().next().value as string);
  }

  /** From a snapshot's entries (see entries()). */
  static restore(entries: Iterable<readonly [string, RememberedCommand]>, refusalsKept?: number): IdempotencyIndex {
    const index = new IdempotencyIndex(refusalsKept);
    for (const [key, command] of entries) (command.binds === 'command-id' ? index.byCommandId : index.byKey).set(key, { ...command, events: [...command.events] });
    return index;
  }

  /** A copy of every entry, for a snapshot: later observe() calls do not reach into it. */
  entries(): [string, RememberedCommand][] {
    return [...this.byKey, ...this.byCommandId].map(([key, command]) => [key, { ...command, events: [...command.events] }]);
  }

  get(key: string): RememberedCommand | undefined {
    return this.byKey.get(key);
  }

  remember(key: string, command: RememberedCommand): void {
    this.byKey.set(key, command);
  }

  /** The recorded command a client's command id names, if any. */
  getCommand(commandId: string): RememberedCommand | undefined {
    return this.byCommandId.get(commandId);
  }

  rememberCommand(commandId: string, command: Omit<RememberedCommand, 'binds' | 'commandId'>): void {
    this.byCommandId.set(commandId, { ...command, commandId, binds: 'command-id' });
  }

  /**
   * Events of one command share their metadata and are contiguous in the log. Every command recorded with a
   * requestHash binds its command id (a writer-made UUID when the client gave none: never sent again, so harmless).
   */
  observe(recorded: RecordedEvent, event: BookEvent): void {
    const { idempotencyKey, requestHash, commandId, actor } = recorded.metadata;
    if (!requestHash) return;
    const accepted: AcceptedEvent = { type: event.type, version: EVENT_VERSIONS[event.type], data: event.data as Record<string, unknown> };
    if (idempotencyKey) observeInto(this.byKey, idempotencyKey, requestHash, recorded, event, accepted);
    observeInto(this.byCommandId, commandId, commandBinding(actor.userId, requestHash), recorded, event, accepted, 'command-id');
  }
}

function observeInto(
  map: Map<string, RememberedCommand>,
  key: string,
  requestHash: string,
  recorded: RecordedEvent,
  event: BookEvent,
  accepted: AcceptedEvent,
  binds?: 'command-id',
): void {
  const known = map.get(key);
  if (known && known.requestHash === requestHash && known.commandId === recorded.metadata.commandId) {
    known.events.push(accepted);
    known.position = recorded.position;
    known.pendingApproval ||= awaitsApproval(event);
    return;
  }
  map.set(key, {
    requestHash,
    events: [accepted],
    pendingApproval: awaitsApproval(event),
    position: recorded.position,
    commandId: recorded.metadata.commandId,
    ...(binds && { binds }),
  });
}
