import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import type { CommandOutcome } from '@groupcap/writer';
import { COMMAND_WRITER, CommandWriter } from '../runtime/command-writer.port';
import { SubmitBookCommand } from './submit-book.command';

/** Every rule is in the domain's decide(), run by the writer; this only hands the command over. */
@CommandHandler(SubmitBookCommand)
export class SubmitBookHandler implements ICommandHandler<SubmitBookCommand, CommandOutcome> {
  constructor(@Inject(COMMAND_WRITER) private readonly writer: CommandWriter) {}

  execute(command: SubmitBookCommand): Promise<CommandOutcome> {
    return this.writer.submit(command.submission);
  }
}
