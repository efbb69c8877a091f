import type { CommandOutcome, CommandSubmission } from '@groupcap/writer';

/** The part of BookWriter the API uses; a fake in tests. */
export interface CommandWriter {
  submit(submission: CommandSubmission): Promise<CommandOutcome>;
  /** Counters for /metrics. */
  readonly stats?: { readonly batches: number; readonly commands: number; readonly conflicts: number; readonly reviewsOfEverySubject: number; readonly reviewsSinceLast: number };
}

export const COMMAND_WRITER = Symbol('COMMAND_WRITER');
