import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditQuery, auditPage } from '@groupcap/audit';
import { EVENT_STORE, EventStore } from '@groupcap/event-store';
import { Roles } from '../auth/roles.decorator';
import { ApiCodes } from '../docs/api-problems.decorator';
import { ProblemException } from '../problems/problem-details';
import { AuditPageSchema } from './audit.schema';
import { AuditQueryDto, boundInstant } from './audit.query';

/** GET /api/v1/audit (api.md Extensions): the access and refusal records, for risk staff only. */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('api/v1/audit')
export class AuditController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Roles('risk')
  @ApiOperation({
    summary: 'Access and refusal records: reads of customer-level data, denied requests, refused commands',
    description: 'Roles: risk. Oldest first, paged with `cursor` = the previous page\'s `next`. Each record carries its hash-chain link (`previousHash`, `hash`); `npm run cli -- verify --audit` checks the chain.',
  })
  @ApiOkResponse({ type: AuditPageSchema })
  @ApiCodes('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'STORE_UNAVAILABLE')
  async list(@Query() query: AuditQueryDto): Promise<AuditPageSchema> {
    const log = this.store.auditRecords;
    if (log === undefined) throw new ProblemException('STORE_UNAVAILABLE', 'this event store keeps no access records');
    const filter: AuditQuery = { ...(query.actor !== undefined && { actor: query.actor }), ...(query.subject !== undefined && { subject: query.subject }) };
    for (const bound of ['from', 'to'] as const) {
      const value = query[bound];
      if (value === undefined) continue;
      const at = boundInstant(value, bound);
      if (at === undefined) throw new ProblemException('VALIDATION_FAILED', `${bound} is not a real date or instant`, { errors: [{ field: bound, message: 'must be a real date or instant' }] });
      filter[bound] = at;
    }
    const page = await auditPage(log, filter, { cursor: query.cursor === undefined ? undefined : BigInt(query.cursor), limit: Number(query.limit ?? '100') });
    return {
      items: page.items.map((stored) => ({ sequence: stored.sequence.toString(), ...stored.record, previousHash: stored.previousHash, hash: stored.hash })),
      next: page.next === null ? null : page.next.toString(),
    };
  }
}
