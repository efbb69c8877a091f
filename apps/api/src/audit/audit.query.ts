import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsDigits } from '../validation/is-digits.decorator';

export const MAX_AUDIT_PAGE = 1000;

/** A business date (a whole day in China time) or an ISO-8601 instant with its offset. */
const DATE_OR_INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export class AuditQueryDto {
  @ApiPropertyOptional({ description: 'The acting user id (a token\'s `sub`, the CLI\'s identity)' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  actor?: string;

  @ApiPropertyOptional({ description: 'The id of the customer, group, limit, drawdown or relation concerned' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  subject?: string;

  @ApiPropertyOptional({ description: 'Inclusive: an instant (`2025-03-31T09:00:00Z`) or a date (from its start in China time)', example: '2025-03-31' })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: 'must be a date YYYY-MM-DD or an ISO-8601 instant with its offset' })
  from?: string;

  @ApiPropertyOptional({ description: 'Exclusive for an instant; a date includes that whole day (China time)', example: '2025-03-31' })
  @IsOptional()
  @Matches(DATE_OR_INSTANT, { message: 'must be a date YYYY-MM-DD or an ISO-8601 instant with its offset' })
  to?: string;

  @ApiPropertyOptional({ description: 'The `next` of the previous page' })
  @IsOptional()
  @IsDigits()
  cursor?: string;

  @ApiPropertyOptional({ description: `1 to ${MAX_AUDIT_PAGE}`, default: '100' })
  @IsOptional()
  @IsDigits({ min: 1n, max: BigInt(MAX_AUDIT_PAGE) })
  limit?: string;
}

const CHINA_OFFSET = '+08:00';

/** The instant a `from` or `to` bound stands for, or undefined for a date that does not exist. */
export function boundInstant(value: string, bound: 'from' | 'to'): Date | undefined {
  if (value.length === 10) {
    const start = new Date(`${value}T00:00:00${CHINA_OFFSET}`);
    if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10)) return undefined;
    return bound === 'from' ? start : new Date(start.getTime() + 24 * 60 * 60 * 1000);
  }
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
