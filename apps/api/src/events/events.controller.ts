import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@groupcap/event-store';
import { Roles } from '../auth/roles.decorator';
import { ApiCodes } from '../docs/api-problems.decorator';
import { effectiveBy } from '../reads/effective-by';
import { EventsPageQuery } from './events-page.query';
import { EventsPageSchema } from './log-entry.schema';
import { logEntryView, LogEntryView } from './log-entry.view';

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Roles('risk')
  @ApiOperation({
    summary: 'A page of the raw event log; pass `next` as `after` for the following page (null when the page is empty)',
    description: 'With `asOf`, only the events in effect by that business date (metadata.effectiveDate), back-dated ones included.',
  })
  @ApiOkResponse({ type: EventsPageSchema })
  @ApiCodes('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  async page(@Query() query: EventsPageQuery): Promise<EventsPageSchema> {
    const limit = Number(query.limit ?? '100');
    const inEffect = effectiveBy(query.asOf);
    // Positions are integers, so "after p" is "from p + 1" even when positions are sparse.
    const fromPosition = query.after === undefined ? undefined : BigInt(query.after) + 1n;
    const items: LogEntryView[] = [];
    let last: bigint | undefined;
    // With asOf the scan goes on past events dated later until the page is full or the log ends.
    for await (const event of this.store.readAll({ fromPosition, ...(query.asOf === undefined && { maxCount: limit }) })) {
      last = event.position;
      if (inEffect(event)) items.push(logEntryView(event));
      if (items.length >= limit) break;
    }
    // `next` is the last position looked at, so the following page does not scan the skipped events again.
    return { items, next: items.length > 0 && last !== undefined ? last.toString() : null };
  }
}
