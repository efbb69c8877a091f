import { Observable } from 'rxjs';
import { RecordedEvent, SubscriptionMessage } from '../event-store.port';

/** What the store keeps of each open subscription: a way to wake it and a way to end it. */
export interface LiveSubscription {
  /** New events were committed through this instance: read them now instead of at the next poll. */
  wake(): void;
  /** The store is closing. */
  end(): void;
}

export interface PollingSubscriptionOptions {
  afterPosition?: bigint;
  pageSize: number;
  pollIntervalMs: number;
  /** Reads up to `limit` events with position >= fromPosition, in position order. */
  readPage(fromPosition: bigint, limit: number): RecordedEvent[];
  /** The store's registry of open subscriptions, so appends can wake them and close() can end them. */
  registry: Set<LiveSubscription>;
}

/**
 * Catch-up then live over a log only this adapter's SQL can read. One page is read per macrotask,
 * so a long catch-up never holds the event loop for more than a page. A single cursor (`after`)
 * and at most one pending read mean an event can be neither delivered twice nor skipped: SQLite
 * has one writer at a time, so positions become visible in increasing order with no gaps filling in later.
 */
export function pollingSubscription(options: PollingSubscriptionOptions): Observable<SubscriptionMessage> {
  const { pageSize, pollIntervalMs, readPage, registry } = options;
  return new Observable<SubscriptionMessage>((subscriber) => {
    let after: bigint | null = options.afterPosition ?? null;
    let live = false;
    let poll: NodeJS.Timeout | undefined;
    let immediate: NodeJS.Immediate | undefined;

    const readSoon = (): void => {
      if (immediate !== undefined || subscriber.closed) return;
      clearTimeout(poll);
      poll = undefined;
      immediate = setImmediate(pump);
    };

    function pump(): void {
      poll = undefined;
      immediate = undefined;
      if (subscriber.closed) return;
      let page: RecordedEvent[];
      try {
        page = readPage(after === null ? 0n : after + 1n, pageSize);
      } catch (error) {
        subscriber.error(error);
        return;
      }
      for (const event of page) {
        if (subscriber.closed) return;
        after = event.position;
        subscriber.next({ kind: 'event', event });
      }
      if (page.length === pageSize) {
        readSoon();
        return;
      }
      if (!live) {
        live = true;
        subscriber.next({ kind: 'caughtUp', position: after });
      }
      // Appends by other processes cannot wake us: poll for them.
      if (!subscriber.closed && immediate === undefined && poll === undefined) {
        poll = setTimeout(pump, pollIntervalMs);
      }
    }

    const handle: LiveSubscription = { wake: readSoon, end: () => subscriber.complete() };
    registry.add(handle);
    readSoon();
    return () => {
      registry.delete(handle);
      clearTimeout(poll);
      if (immediate !== undefined) clearImmediate(immediate);
    };
  });
}
