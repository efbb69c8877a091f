import { BookEvent, EVENT_VERSIONS, Refusal, awaitsApproval } from '@groupcap/domain';
import { RecordedEvent } from '@groupcap/event-store';
import { AcceptedEvent } from './command-submission';

/** api.md promises a repeated key its first answer for at least this long. */
export const DEFAULT_IDEMPOTENCY_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export interface RememberedCommand {
  requestHash: string;
  events: AcceptedEvent[];
  pendingApproval: boolean;
  /** Null while the batch it belongs to is not yet durable. */
  position: bigint | null;
  commandId?: string;
  /** When the writer answered it (ms since the epoch, its recorded wall-clock time): forgotten a retention later. */
  recordedAt: number;
}

export interface RememberedRefusal {
  requestHash: string;
  refusal: Refusal;
  recordedAt: number;
}

export type RememberedAnswer = { kind: 'accepted'; command: RememberedCommand } | { kind: 'refused'; refused: RememberedRefusal };

/**
 * First answers to Idempotency-Keys, for one retention counted from when each was recorded (wall-clock time,
 * not business date). Accepted commands' keys come from their events' metadata (rebuilt from the log on start);
 * refused commands' keys from the store's idempotency records. Expired keys are never answered, and sweeping
 * drops them: both maps are kept in the order keys were recorded (a key recorded again moves to the end), so a
 * sweep only walks the expired ones at the front.
 */
export class IdempotencyIndex {
  private readonly accepted = new Map<string, RememberedCommand>();
  private readonly refused = new Map<string, RememberedRefusal>();

  constructor(readonly retentionMs = DEFAULT_IDEMPOTENCY_RETENTION_MS) {}

  /** From a snapshot's entries (see entries()), leaving out those expired at `now`. */
  static restore(entries: Iterable<readonly [string, RememberedCommand]>, retentionMs: number, now: number): IdempotencyIndex {
    const index = new IdempotencyIndex(retentionMs);
    for (const [key, command] of entries) {
      if (index.live(command.recordedAt, now)) index.remember(key, { ...command, events: [...command.events] });
    }
    return index;
  }

  /** A copy of every accepted command's entry, for a snapshot: later observe() calls do not reach into it. */
  entries(): [string, RememberedCommand][] {
    return [...this.accepted].map(([key, command]) => [key, { ...command, events: [...command.events] }]);
  }

  get size(): number {
    return this.accepted.size + this.refused.size;
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

  /** Events of one command share their metadata and are contiguous in the log; keys expired at `now` are skipped. */
  observe(recorded: RecordedEvent, event: BookEvent, now: number): void {
    const { idempotencyKey, requestHash } = recorded.metadata;
    if (!idempotencyKey || !requestHash) return;
    const recordedAt = Date.parse(recorded.metadata.recordedAt);
    // An event without a readable time cannot be aged: kept as if recorded now rather than dropped unanswered.
    const at = Number.isNaN(recordedAt) ? now : recordedAt;
    if (!this.live(at, now)) return;
    const accepted: AcceptedEvent = { type: event.type, version: EVENT_VERSIONS[event.type], data: event.data as Record<string, unknown> };
    const known = this.accepted.get(idempotencyKey);
    if (known && known.requestHash === requestHash && known.commandId === recorded.metadata.commandId) {
      known.events.push(accepted);
      known.position = recorded.position;
      known.pendingApproval ||= awaitsApproval(event);
      return;
    }
    this.remember(idempotencyKey, {
      requestHash,
      events: [accepted],
      pendingApproval: awaitsApproval(event),
      position: recorded.position,
      commandId: recorded.metadata.commandId,
      recordedAt: at,
    });
  }

  /**
   * Drops the keys expired at `now` from the front of each map. A clock stepping back can leave an expired key
   * behind a newer one for a while; answerFor() still never answers it.
   */
  expire(now: number): void {
    for (const map of [this.accepted, this.refused] as Map<string, { recordedAt: number }>[]) {
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
