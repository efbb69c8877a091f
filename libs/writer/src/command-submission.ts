import { BookCommand, Refusal, Role } from '@groupcap/domain';

/** A command as the shells (HTTP, CLI) hand it to the writer. */
export interface CommandSubmission {
  command: BookCommand;
  actor: { userId: string; roles: readonly Role[] };
  /** Defaults to today's business date. */
  effectiveDate?: string;
  /** Defaults to a fresh UUID. */
  commandId?: string;
  /** Defaults to the command id. */
  correlationId?: string;
  /** Client's Idempotency-Key, with a hash of the request body it came with. */
  idempotency?: { key: string; requestHash: string };
}

export interface AcceptedEvent {
  type: string;
  version: number;
  data: Record<string, unknown>;
}

export type CommandOutcome =
  | {
      status: 'accepted';
      /** Global log position at which the command's events are durable (the end of its group commit). */
      position: bigint;
      events: AcceptedEvent[];
      /** True when the command only created a request awaiting approval (HTTP 202). */
      pendingApproval: boolean;
      /** True when this answers a repeated Idempotency-Key: nothing new was recorded. */
      replayed: boolean;
    }
  | { status: 'refused'; refusal: Refusal }
  | { status: 'idempotency-key-reused'; key: string };
