import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsDigits } from '../validation/is-digits.decorator';

/** For reads of the log itself, which have no business-date view: only read-your-writes. */
export class PositionQuery {
  @ApiPropertyOptional({ description: 'Wait (up to 5 s) until the read side has applied this log position', example: '42' })
  @IsOptional()
  @IsDigits()
  minPosition?: string;
}
