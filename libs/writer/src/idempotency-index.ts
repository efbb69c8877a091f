import { BookEvent, Refusal, awaitsApproval } from '@groupcap/domain';
import { RecordedEvent } from '@groupcap/event-store';

/** api.md promises a repeated key its first answer for at least this long. */
export const DEFAULT_IDEMPOTENCY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * A recorded command, as a repeat of its key or command id is answered. Its events are not copied here but named by
 * where they are in the writer's stream (a command's events are contiguous), and read back for the rare repeat: a
 * week of keys at a bank's pace is hundreds of thousands of entries. A keyed drawdown's entry costs the writer about
 * 320 bytes this way (2026-12-02; 870 while it also bound the writer-made command id, 1,050 with copies of the events).
 */
export interface RememberedCommand {
  requestHash: string;
  /** Stream revision of the command's first event. */
  revision: bigint;
  /** How many events the command recorded, from `revision` on. */
  eventCount: number;
  pendingApproval: boolean;
  /** Null while the batch it belongs to is not yet durable. */
  position: bigint | null;
  commandId?: string;
  /** When the writer answered it (ms since the epoch, its recorded wall-clock time): forgotten a retention later. */
  recordedAt: number;
  /** Set on the entries of client command ids (keyed by the id; `requestHash` is then commandBinding()'s). */
  binds?: 'command-id';
}

export interface RememberedRefusal {
  requestHash: string;
  refusal: Refusal;
  recordedAt: number;
}

export type RememberedAnswer = { kind: 'accepted'; command: RememberedCommand } | { kind: 'refused'; refused: RememberedRefusal };

/** What a client's command id is bound to: the user and the request. The hash has a fixed length, so this is unambiguous. */
export function commandBinding(userId: string, requestHash: string): string {
  return `${userId}\n${requestHash}`;
}

/**
 * First answers to Idempotency-Keys, and the commands client command ids name, for one retention counted from
 * when each was recorded (wall-clock time, not business date). Accepted commands' keys and command ids come from
 * their events' metadata (rebuilt from the log on start); refused commands' keys from the store's idempotency
 * records (a refusal binds no command id). Expired entries are never answered, and sweeping drops them: every
 * map is kept in the order entries were recorded (one recorded again moves to the end), so a sweep only walks
 * the expired ones at the front.
 */
export class IdempotencyIndex {
  private readonly accepted = new Map<string, RememberedCommand>();
  private readonly refused = new Map<string, RememberedRefusal>();
  /** Client command ids of recorded commands (metadata with a requestHash), apart from keys: the two namespaces never meet. */
  private readonly byCommandId = new Map<string, RememberedCommand>();

  constructor(readonly retentionMs = DEFAULT_IDEMPOTENCY_RETENTION_MS) {}

  /** From a snapshot's entries (see entries()), leaving out those expired at `now`. */
  static restore(entries: Iterable<readonly [string, RememberedCommand]>, retentionMs: number, now: number): IdempotencyIndex {
    const index = new IdempotencyIndex(retentionMs);
    for (const [key, command] of entries) {
      if (!index.live(command.recordedAt, now)) continue;
      const copy = { ...command };
      if (command.binds === 'command-id') index.rememberCommand(key, copy);
      else index.remember(key, copy);
    }
    return index;
  }

  /**
   * A copy of every accepted command's key and every bound command id (marked `binds`), for a snapshot: later
   * observe() calls do not reach into it.
   */
  entries(): [string, RememberedCommand][] {
    return [...this.accepted, ...this.byCommandId].map(([key, command]) => [key, { ...command }]);
  }

  /** Entries held: keys, accepted and refused, and command ids. */
  get size(): number {
    return this.accepted.size + this.refused.size + this.byCommandId.size;
  }

  /**
   * The first answer to `key` still within the retention at `now`. Were a key both accepted and refused (two
   * writers answering it at the same instant), the earlier answer is the first one.
   */
  answerFor(key: string, now: number): RememberedAnswer | undefined {
    const command = this.accepted.get(key);
    const refused = this.refused.get(key);
    const liveCommand = command && this.live(command.recordedAt, now) ? command : undefined;
    const liveRefusal = refused && this.live(refused.recordedAt, now) ? refused : undefined;
    if (liveRefusal && (!liveCommand || liveRefusal.recordedAt < liveCommand.recordedAt)) return { kind: 'refused', refused: liveRefusal };
    return liveCommand && { kind: 'accepted', command: liveCommand };
  }

  remember(key: string, command: RememberedCommand): void {
    this.accepted.delete(key);
    this.accepted.set(key, command);
  }

  rememberRefusal(key: string, refused: RememberedRefusal): void {
    this.refused.delete(key);
    this.refused.set(key, refused);
  }

  /** The recorded command a client's command id names, if recorded within the retention at `now`. */
  commandFor(commandId: string, now: number): RememberedCommand | undefined {
    const command = this.byCommandId.get(commandId);
    return command && this.live(command.recordedAt, now) ? command : undefined;
  }

  /** Binds `commandId` to the command (its `requestHash` being commandBinding()'s). */
  rememberCommand(commandId: string, command: Omit<RememberedCommand, 'binds' | 'commandId'>): void {
    this.byCommandId.delete(commandId);
    this.byCommandId.set(commandId, { ...command, commandId, binds: 'command-id' });
  }

  /**
   * Events of one command share their metadata and are contiguous in the log; entries expired at `now` are
   * skipped. A command recorded with a requestHash binds its key when it came with one, and its command id unless
   * the writer made that id (`commandIdBy`): no client sends a writer-made id, and its entry would cost as much
   * as the key's (the log before that mark binds every id, as it always did).
   */
  observe(recorded: RecordedEvent, event: BookEvent, now: number): void {
    const { idempotencyKey, requestHash, commandId, commandIdBy, actor } = recorded.metadata;
    if (!requestHash) return;
    const recordedAt = Date.parse(recorded.metadata.recordedAt);
    // An event without a readable time cannot be aged: kept as if recorded now rather than dropped unanswered.
    const at = Number.isNaN(recordedAt) ? now : recordedAt;
    if (!this.live(at, now)) return;
    if (idempotencyKey) observeInto(this.accepted, idempotencyKey, requestHash, recorded, event, at);
    if (commandIdBy !== 'writer') observeInto(this.byCommandId, commandId, commandBinding(actor.userId, requestHash), recorded, event, at, 'command-id');
  }

  /**
   * Drops the entries expired at `now` from the front of each map. A clock stepping back can leave an expired
   * entry behind a newer one for a while; answerFor() and commandFor() still never answer it.
   */
  expire(now: number): void {
    for (const map of [this.accepted, this.refused, this.byCommandId] as Map<string, { recordedAt: number }>[]) {
      for (const [key, entry] of map) {
        if (this.live(entry.recordedAt, now)) break;
        map.delete(key);
      }
    }
  }

  /** Whether a key recorded at `recordedAt` is still answered at `now`. */
  keeps(recordedAt: number, now: number): boolean {
    return this.live(recordedAt, now);
  }

  /** Same boundary as the stores' expiry: a key recorded exactly a retention ago is still kept. */
  private live(recordedAt: number, now: number): boolean {
    return recordedAt >= now - this.retentionMs;
  }
}

/**
 * Adds one event to the entry of its command under `key`: the next event of the command already there (same
 * binding, command id and recorded time: the same metadata), or a new entry, moved behind the others.
 */
function observeInto(
  map: Map<string, RememberedCommand>,
  key: string,
  requestHash: string,
  recorded: RecordedEvent,
  event: BookEvent,
  recordedAt: number,
  binds?: 'command-id',
): void {
  const known = map.get(key);
  if (known && known.requestHash === requestHash && known.commandId === recorded.metadata.commandId && known.recordedAt === recordedAt) {
    known.eventCount++;
    known.position = recorded.position;
    known.pendingApproval ||= awaitsApproval(event);
    return;
  }
  map.delete(key);
  const command: RememberedCommand = {
    requestHash,
    revision: recorded.revision,
    eventCount: 1,
    pendingApproval: awaitsApproval(event),
    position: recorded.position,
    commandId: recorded.metadata.commandId,
    recordedAt,
  };
  if (binds) command.binds = binds;
  map.set(key, command);
}
