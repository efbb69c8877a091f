import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsBusinessDate } from '../validation/is-business-date.decorator';
import { IsDigits } from '../validation/is-digits.decorator';

/** What every read accepts: a business date to answer as of, and a log position to wait for. */
export class ReadQuery {
  @ApiPropertyOptional({ description: 'Answer as of this business date (default today)', example: '2025-03-31' })
  @IsOptional()
  @IsBusinessDate()
  asOf?: string;

  @ApiPropertyOptional({ description: 'Wait (up to 5 s) until the read side has applied this log position', example: '42' })
  @IsOptional()
  @IsDigits()
  minPosition?: string;
}
