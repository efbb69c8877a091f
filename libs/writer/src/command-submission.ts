import { BookCommand, Refusal, Role } from '@groupcap/domain';

/** A command as the shells (HTTP, CLI) hand it to the writer. */
export interface CommandSubmission {
  command: BookCommand;
  actor: { userId: string; roles: readonly Role[] };
  /** Defaults to today's business date. */
  effectiveDate?: string;
  /** Defaults to a fresh UUID. A client's id names one command: see `requestHash`. */
  commandId?: string;
  /**
   * Hash of the request a client's `commandId` came with (the same hash as `idempotency.requestHash` when
   * both are given). Once a command with that id is recorded, the id is bound to the user and this hash:
   * the same id again with the same request is answered with the recorded events (nothing new is
   * recorded); with another request, or from another user, it is `command-id-reused`.
   */
  requestHash?: string;
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
  | { status: 'idempotency-key-reused'; key: string }
  | { status: 'command-id-reused'; commandId: string };
