import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsDigits } from '../validation/is-digits.decorator';
import { ReadQuery } from '../reads/read.query';

export const GROUP_SORTS = ['capUtilization', 'comprehensiveLimit', 'exposure', 'groupId'] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];
export const MAX_GROUPS = 500;

export class ListGroupsQuery extends ReadQuery {
  @ApiPropertyOptional({ enum: GROUP_SORTS, default: 'capUtilization', description: 'Descending, except groupId' })
  @IsOptional()
  @IsIn(GROUP_SORTS)
  sort?: GroupSort;

  @ApiPropertyOptional({ description: `1 to ${MAX_GROUPS}`, default: '50' })
  @IsOptional()
  @IsDigits({ min: 1n, max: BigInt(MAX_GROUPS) })
  limit?: string;
}
