import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { HttpRequest } from '../http/http-types';
import { readCommandEnvelope } from './command-envelope';

/** Injects the CommandEnvelope (actor, Idempotency-Key with its request hash, command and correlation ids). */
export const Envelope = createParamDecorator((_: unknown, context: ExecutionContext) =>
  readCommandEnvelope(context.switchToHttp().getRequest<HttpRequest>()),
);
