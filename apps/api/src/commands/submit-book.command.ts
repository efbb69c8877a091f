import { Command } from '@nestjs/cqrs';
import type { CommandOutcome, CommandSubmission } from '@groupcap/writer';

/** Carries a domain command to the writer over the CommandBus. */
export class SubmitBookCommand extends Command<CommandOutcome> {
  constructor(readonly submission: CommandSubmission) {
    super();
  }
}
