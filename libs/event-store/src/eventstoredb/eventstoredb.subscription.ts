import { AllStreamResolvedEvent, EventStoreDBClient, START, excludeSystemEvents } from '@eventstore/db-client';
import { Observable } from 'rxjs';
import { SubscriptionMessage } from '../event-store.port';
import { StoreUnavailableError } from '../event-store.errors';
import { isTransient, toStoreError } from './eventstoredb.error-mapping';
import { decodeEvent, isHiddenFromAll } from './eventstoredb.serialization';

export interface ResubscribeOptions {
  /** Wait before the first resubscription after a drop; doubles on each failure in a row. Default 100 ms. */
  initialDelayMs?: number;
  /** Longest wait between attempts. Default 5000 ms. */
  maxDelayMs?: number;
  /** Give up (the Observable errors with StoreUnavailableError) after this many failures in a row. Default: never. */
  maxAttempts?: number;
}

/** What the store keeps of an open subscription, so close() can end it. */
export interface OpenSubscription {
  end(): void;
}

export interface AllSubscriptionOptions {
  client: EventStoreDBClient;
  afterPosition?: bigint;
  resubscribe: Required<ResubscribeOptions>;
  registry: Set<OpenSubscription>;
}

/** Pushed into the client's stream when the server says caught-up, so it stays in order with the events. */
const CAUGHT_UP = Object.freeze({ caughtUp: true });

/**
 * Catch-up then live over `$all`, resubscribing after a dropped connection from the last position
 * seen. The cursor `after` only moves forward and every event at or before it is skipped, so a
 * resubscription can neither repeat nor skip an event. caughtUp is emitted once, the first time
 * the server reports it (servers from 23.10 do, also for an empty history).
 */
export function allSubscription(options: AllSubscriptionOptions): Observable<SubscriptionMessage> {
  const { client, resubscribe, registry } = options;
  return new Observable<SubscriptionMessage>((subscriber) => {
    let after = options.afterPosition;
    let caughtUp = false;
    let failures = 0;
    let current: ReturnType<EventStoreDBClient['subscribeToAll']> | undefined;
    let wake: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;

    const run = async (): Promise<void> => {
      while (!subscriber.closed) {
        const subscription = client.subscribeToAll({
          fromPosition: after === undefined ? START : { commit: after, prepare: after },
          filter: excludeSystemEvents(),
        });
        current = subscription;
        // Errors reach the loop below; this keeps a late one, after the loop has left, from crashing the process.
        subscription.on('error', () => undefined);
        subscription.on('caughtUp', () => subscription.push(CAUGHT_UP));
        subscription.on('confirmation', () => (failures = 0));
        let failure: unknown;
        try {
          for await (const item of subscription as AsyncIterable<AllStreamResolvedEvent | typeof CAUGHT_UP>) {
            if (subscriber.closed) return;
            if ('caughtUp' in item) {
              if (!caughtUp) subscriber.next({ kind: 'caughtUp', position: after ?? null });
              caughtUp = true;
              continue;
            }
            const event = item.event;
            if (event?.position === undefined) continue;
            const position = event.position.commit;
            if (after !== undefined && position <= after) continue;
            after = position;
            // The server filters `$` types; `$` streams can still hold other types, and idempotency records are not events.
            if (!isHiddenFromAll(event)) subscriber.next({ kind: 'event', event: decodeEvent(event) });
          }
        } catch (error) {
          failure = error;
        } finally {
          // Leaving the loop does not end the gRPC call.
          subscription.unsubscribe().catch(() => undefined);
        }
        if (subscriber.closed) return;
        if (failure !== undefined && !isTransient(failure)) return subscriber.error(toStoreError(failure));
        failures += 1;
        if (failures > resubscribe.maxAttempts) {
          return subscriber.error(new StoreUnavailableError(`subscription to $all dropped ${failures} times in a row`, failure));
        }
        const delay = Math.min(resubscribe.initialDelayMs * 2 ** (failures - 1), resubscribe.maxDelayMs);
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, delay);
        });
      }
    };

    const handle: OpenSubscription = { end: () => subscriber.complete() };
    registry.add(handle);
    run().catch((error: unknown) => subscriber.error(error));
    return () => {
      registry.delete(handle);
      clearTimeout(timer);
      wake?.();
      if (current !== undefined) {
        current.unsubscribe().catch(() => undefined);
        // Ends the for-await above: a cancelled call never ends the client's stream by itself.
        current.destroy();
      }
    };
  });
}
