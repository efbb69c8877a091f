import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PagedQuery } from '../reads/paged.query';

export const GROUP_SORTS = ['capUtilization', 'comprehensiveLimit', 'exposure', 'groupId'] as const;
export type GroupSort = (typeof GROUP_SORTS)[number];

export class ListGroupsQuery extends PagedQuery {
  @ApiPropertyOptional({ enum: GROUP_SORTS, default: 'capUtilization', description: 'Descending, except groupId; ties by groupId' })
  @IsOptional()
  @IsIn(GROUP_SORTS)
  sort?: GroupSort;
}
