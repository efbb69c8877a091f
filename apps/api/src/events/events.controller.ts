import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@groupcap/event-store';
import { Roles } from '../auth/roles.decorator';
import { ApiProblems } from '../docs/api-problems.decorator';
import { EventsPageQuery } from './events-page.query';
import { logEntryView } from './log-entry.view';

@ApiTags('events')
@ApiBearerAuth()
@Controller('api/v1/events')
export class EventsController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Roles('risk')
  @ApiOperation({ summary: 'A page of the raw event log; pass `next` as `after` for the following page (null when the page is empty)' })
  @ApiProblems(400)
  async page(@Query() query: EventsPageQuery) {
    const limit = Number(query.limit ?? '100');
    // Positions are integers, so "after p" is "from p + 1" even when positions are sparse.
    const fromPosition = query.after === undefined ? undefined : BigInt(query.after) + 1n;
    const items = [];
    for await (const event of this.store.readAll({ fromPosition, maxCount: limit })) {
      items.push(logEntryView(event));
      if (items.length >= limit) break;
    }
    return { items, next: items.length > 0 ? items[items.length - 1].position : null };
  }
}
