import { AppendResult, ExpectedRevision } from './event-store.port';

/** Another writer got there first: catch up and decide again. */
export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export class StreamNotFoundError extends Error {
  constructor(readonly streamId: string) {
    super(`stream ${streamId} not found`);
    this.name = 'StreamNotFoundError';
  }
}

/** The store cannot be reached right now (connection lost, leader changing); retryable. */
export class StoreUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

export class AppendTooLargeError extends Error {
  constructor(readonly bytes: number, readonly maxBytes: number) {
    super(`append of ${bytes} bytes exceeds the store's maximum of ${maxBytes}`);
    this.name = 'AppendTooLargeError';
  }
}

/**
 * An event id is already stored somewhere other than where this append would put it (another
 * stream, another revision, or twice in one batch). Re-sending a whole append at the place it was
 * first written is not this: that succeeds without writing.
 */
export class DuplicateEventIdError extends Error {
  constructor(readonly streamId: string, readonly eventId: string) {
    super(`stream ${streamId}: event id ${eventId} is already stored elsewhere or repeated in the batch`);
    this.name = 'DuplicateEventIdError';
  }
}

/**
 * The events of an append are durable, but the idempotency records sent with them are not: a store that
 * cannot write both in one commit (EventStoreDB: two streams) writes the records second and reports this
 * when only they failed, so the caller can still answer the commands whose events were written.
 */
export class IdempotencyRecordsNotWrittenError extends Error {
  constructor(readonly appended: AppendResult, override readonly cause?: unknown) {
    super(`the events were appended but their idempotency records were not: ${(cause as Error | undefined)?.message ?? String(cause)}`);
    this.name = 'IdempotencyRecordsNotWrittenError';
  }
}
