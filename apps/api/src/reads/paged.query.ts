import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsDigits } from '../validation/is-digits.decorator';
import { ReadQuery } from './read.query';

export const MAX_PAGE = 500;

/** What every list accepts besides asOf and minPosition: a page size and the cursor of the page before. */
export class PagedQuery extends ReadQuery {
  @ApiPropertyOptional({ description: `Page size, 1 to ${MAX_PAGE}`, default: '50', example: '50' })
  @IsOptional()
  @IsDigits({ min: 1n, max: BigInt(MAX_PAGE) })
  limit?: string;

  @ApiPropertyOptional({
    description: 'The `next` of the page before (opaque); absent for the first page. A cursor this list did not give out is 400 INVALID_CURSOR',
    example: 'eyJsaW1pdElkIjoiTDAwMTAifQ',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  cursor?: string;
}

export function pageSize(query: PagedQuery): number {
  return Number(query.limit ?? '50');
}
