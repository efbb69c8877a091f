import { Inject, Injectable } from '@nestjs/common';
import { READ_MODELS, ReadModels } from '@groupcap/projections';
import { ProblemException } from '../problems/problem-details';

export const READ_WAIT_MS = Symbol('READ_WAIT_MS');

/** Read-your-writes: a read naming ?minPosition waits until the projections have applied it, or answers 503. */
@Injectable()
export class ReadConsistency {
  constructor(
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(READ_WAIT_MS) private readonly waitMs: number,
  ) {}

  async awaitPosition(minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    if (await this.readModels.waitFor(BigInt(minPosition), this.waitMs)) return;
    const current = this.readModels.position();
    throw new ProblemException('READ_MODEL_BEHIND', `the read side has not reached position ${minPosition} within ${this.waitMs / 1000} s; retry`, {
      minPosition,
      position: current === null ? null : current.toString(),
    });
  }
}
