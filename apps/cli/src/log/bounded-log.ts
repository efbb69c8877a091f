import { Observable } from 'rxjs';
import {
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  SubscriptionMessage,
} from '@groupcap/event-store';

export interface BoundedLogOptions {
  /** Last position included; undefined: everything the log holds when the subscription reaches its end. */
  toPosition?: bigint;
  /** Sees every event the subscription delivers (progress). */
  onEvent?: (event: RecordedEvent) => void;
}

/** Events between two breaths: lets timers (a progress bar's redraw) run during a long replay. */
const YIELD_EVERY = 1000;

/**
 * A read-only view of the log up to a position, for scratch projections: its subscription delivers the log
 * up to there, says caught up, and never goes live, so a projection built on it stops at exactly that point
 * (a report "as of log position N", a rebuild or verify to a fixed end). The owner closes the real store.
 */
export class BoundedLog implements EventStore {
  constructor(private readonly store: EventStore, private readonly options: BoundedLogOptions = {}) {}

  append(): Promise<AppendResult> {
    return Promise.reject(new Error('a bounded view of the log is read-only'));
  }

  async *readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.store.readStream(streamId, options)) {
      if (this.beyondEnd(event)) return;
      yield event;
    }
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.store.readAll(options)) {
      if (this.beyondEnd(event)) return;
      yield event;
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Observable<SubscriptionMessage> {
    return new Observable<SubscriptionMessage>((subscriber) => {
      let stopped = false;
      void (async () => {
        let last: bigint | null = options.afterPosition ?? null;
        let count = 0;
        for await (const event of this.readAll()) {
          if (stopped) return;
          if (options.afterPosition !== undefined && event.position <= options.afterPosition) continue;
          this.options.onEvent?.(event);
          subscriber.next({ kind: 'event', event });
          last = event.position;
          if (++count % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        }
        if (stopped) return;
        subscriber.next({ kind: 'caughtUp', position: last });
        subscriber.complete();
      })().catch((error: unknown) => subscriber.error(error));
      return () => {
        stopped = true;
      };
    });
  }

  async headPosition(): Promise<bigint | null> {
    const head = await this.store.headPosition();
    if (head === null || this.options.toPosition === undefined) return head;
    return head < this.options.toPosition ? head : this.options.toPosition;
  }

  async close(): Promise<void> {}

  private beyondEnd(event: RecordedEvent): boolean {
    return this.options.toPosition !== undefined && event.position > this.options.toPosition;
  }
}
