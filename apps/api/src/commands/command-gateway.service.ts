import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { BookCommand } from '@groupcap/domain';
import { HttpResponse } from '../http/http-types';
import { ProblemException } from '../problems/problem-details';
import { refusalProblem } from '../problems/refusal.problem';
import { CommandEnvelope } from './command-envelope';
import { CommandResponse, toCommandResponse } from './command-response';
import { SubmitBookCommand } from './submit-book.command';

/** Submits a domain command and turns the writer's outcome into HTTP: 201/202 and the events, or a problem. */
@Injectable()
export class CommandGateway {
  constructor(private readonly bus: CommandBus) {}

  async submit(command: BookCommand, effectiveDate: string | undefined, envelope: CommandEnvelope, res: HttpResponse): Promise<CommandResponse> {
    const outcome = await this.bus.execute(
      new SubmitBookCommand({ command, ...envelope, ...(effectiveDate !== undefined && { effectiveDate }) }),
    );
    switch (outcome.status) {
      case 'refused':
        throw refusalProblem(outcome.refusal);
      case 'idempotency-key-reused':
        throw new ProblemException('IDEMPOTENCY_KEY_REUSED', `Idempotency-Key ${outcome.key} was already used with a different request`, {
          idempotencyKey: outcome.key,
        });
      case 'command-id-reused':
        throw new ProblemException('COMMAND_ID_REUSED', `X-Command-Id ${outcome.commandId} already names another recorded command (a different body, endpoint or user)`, {
          commandId: outcome.commandId,
        });
      case 'accepted':
        res.status(outcome.pendingApproval ? 202 : 201);
        if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
        return toCommandResponse(outcome.position, outcome.events);
      default: {
        const unknown: never = outcome;
        throw new Error(`unknown command outcome ${JSON.stringify(unknown)}`);
      }
    }
  }
}
