import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { ReadQuery } from '../reads/read.query';
import { IsDigits } from '../validation/is-digits.decorator';

export const MAX_EVENTS_PAGE = 1000;

/**
 * `asOf` keeps the events in effect by that business date (metadata.effectiveDate); `minPosition` is
 * accepted like on every read: the log is read from the store itself, so it is always met.
 */
export class EventsPageQuery extends ReadQuery {
  @ApiPropertyOptional({ description: 'Exclusive: events after this global position (default: from the start)', example: '0' })
  @IsOptional()
  @IsDigits()
  after?: string;

  @ApiPropertyOptional({ description: `1 to ${MAX_EVENTS_PAGE}`, default: '100' })
  @IsOptional()
  @IsDigits({ min: 1n, max: BigInt(MAX_EVENTS_PAGE) })
  limit?: string;
}
