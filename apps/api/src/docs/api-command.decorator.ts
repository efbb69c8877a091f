import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import { CommandResponse } from '../commands/command-response';
import { ProblemCode } from '../problems/problem-code';
import { ApiProblems, COMMAND_CODES, problemCodes } from './api-problems.decorator';
import { statusOf } from '../problems/problem-status.table';

const TRACE_ID = { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,128}$' } as const;

const REPLAY_HEADERS = {
  'Idempotent-Replayed': {
    description: '"true" when this is the stored answer to an earlier request with the same Idempotency-Key; nothing new was recorded',
    schema: { type: 'string', enum: ['true'] },
  },
};

/**
 * Problems any command can give: a malformed body or header (400), a reused Idempotency-Key (409),
 * a body over 1 MB (413) or not JSON (415), no writer or store right now (503).
 */
const EVERY_COMMAND = [400, 409, 413, 415, 503];

export interface ApiCommandOptions {
  /** Statuses beyond EVERY_COMMAND (and 401/403), e.g. 404, 422. */
  problems?: number[];
  /** What a 201 means, when more than "recorded". */
  created?: string;
  /** Set when the command may only record a request awaiting approval: what its 202 means. */
  accepted?: string;
  /** The command's own problem codes (refusals), beyond those of every command. */
  codes?: ProblemCode[];
}

/** The OpenAPI of a command: its client headers, its 201 (and 202) with the replay header, its problems. */
export function ApiCommand(options: ApiCommandOptions = {}): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description: 'Sent once. The same key with the same request answers the first response again; with another request, 409 IDEMPOTENCY_KEY_REUSED',
      schema: { type: 'string', minLength: 1, maxLength: 128 },
    }),
    ApiHeader({ name: 'X-Command-Id', required: false, description: 'Client id of the command, kept in the events\' metadata; names one command: sent again with the same request it answers the recorded events, with another request 409 COMMAND_ID_REUSED', schema: TRACE_ID }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Client id tying related commands together, kept in the events\' metadata', schema: TRACE_ID }),
    ApiResponse({ status: 201, type: CommandResponse, description: options.created ?? 'recorded', headers: REPLAY_HEADERS }),
    ...(options.accepted === undefined ? [] : [ApiResponse({ status: 202, type: CommandResponse, description: options.accepted, headers: REPLAY_HEADERS })]),
    // Each status documented once: a status given twice would have its description repeated in the document.
    ApiProblems(...EVERY_COMMAND, ...(options.problems ?? []), ...[...COMMAND_CODES, ...(options.codes ?? [])].map(statusOf)),
    problemCodes([...COMMAND_CODES, ...(options.codes ?? [])]),
  );
}
