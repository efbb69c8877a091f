import { randomUUID } from 'node:crypto';
import { Observable, Subscription } from 'rxjs';
import { EventMetadata, NewEvent, RecordedEvent, SubscriptionMessage } from '../event-store.port';

/**
 * Helpers for the contract suite. Everything is keyed by fresh stream names so the suite can run
 * against a shared server that already holds other people's events.
 */

export function uniqueStream(label: string): string {
  return `contract_${label}-${randomUUID()}`;
}

export function metadata(): EventMetadata {
  return {
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { userId: 'officer-1', roles: ['credit-officer'] },
    recordedAt: '2025-03-01T09:30:00.000Z',
    effectiveDate: '2025-03-01',
  };
}

export function newEvent(data: unknown = {}, type = 'ContractTested'): NewEvent {
  return { id: randomUUID(), type, version: 1, data, metadata: metadata() };
}

export function newEvents(count: number): NewEvent[] {
  return Array.from({ length: count }, (_, index) => newEvent({ index }));
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export function ids(events: readonly { id: string }[]): string[] {
  return events.map((event) => event.id);
}

/** Indexes where a position is not greater than the one before it (expected: none). */
export function nonIncreasing(positions: readonly bigint[]): number[] {
  return positions.flatMap((position, i) => (i > 0 && position <= positions[i - 1] ? [i] : []));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function eventually(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(5);
  }
}

/** Records what a subscription delivers; `mine` keeps only events of the given streams. */
export class SubscriptionRecorder {
  readonly messages: SubscriptionMessage[] = [];
  private failure: unknown;
  private readonly subscription: Subscription;

  constructor(source: Observable<SubscriptionMessage>, private readonly streams: readonly string[]) {
    this.subscription = source.subscribe({
      next: (message) => this.messages.push(message),
      error: (error) => (this.failure = error ?? new Error('subscription failed')),
    });
  }

  /** Our events as ids, and the caughtUp marker as 'caughtUp', in delivery order. */
  mine(): string[] {
    this.throwIfFailed();
    return this.messages.flatMap((message) => {
      if (message.kind === 'caughtUp') return ['caughtUp'];
      return this.streams.includes(message.event.streamId) ? [message.event.id] : [];
    });
  }

  /** Every event delivered, ours or not. */
  events(): RecordedEvent[] {
    this.throwIfFailed();
    return this.messages.flatMap((message) => (message.kind === 'event' ? [message.event] : []));
  }

  caughtUp(): boolean {
    return this.mine().includes('caughtUp');
  }

  unsubscribe(): void {
    this.subscription.unsubscribe();
  }

  private throwIfFailed(): void {
    if (this.failure !== undefined) throw this.failure;
  }
}
