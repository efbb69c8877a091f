import type { CommandOutcome, CommandSubmission } from '@groupcap/writer';

/** The part of BookWriter the API uses; a fake in tests. */
export interface CommandWriter {
  submit(submission: CommandSubmission): Promise<CommandOutcome>;
}

export const COMMAND_WRITER = Symbol('COMMAND_WRITER');
