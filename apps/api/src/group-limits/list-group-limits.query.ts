import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LIMIT_STATUSES, GroupLimitSummary } from '@groupcap/projections';
import { PagedQuery } from '../reads/paged.query';
import { IsEntityId } from '../validation/is-entity-id.decorator';

export class ListGroupLimitsQuery extends PagedQuery {
  @ApiPropertyOptional({
    enum: LIMIT_STATUSES,
    description: "`pending`: group limits and group-limit renewals awaiting a decision (the approver's work queue, beside `GET /limits?status=pending`); otherwise the status on `asOf`",
  })
  @IsOptional()
  @IsIn([...LIMIT_STATUSES])
  status?: GroupLimitSummary['status'];

  @ApiPropertyOptional({ description: "Only this group's group limits", example: 'G000001' })
  @IsOptional()
  @IsEntityId()
  groupId?: string;
}
