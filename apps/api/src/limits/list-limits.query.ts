import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LIMIT_STATUSES, LimitReadModel } from '@groupcap/projections';
import { PagedQuery } from '../reads/paged.query';
import { IsEntityId } from '../validation/is-entity-id.decorator';

export class ListLimitsQuery extends PagedQuery {
  @ApiPropertyOptional({
    enum: LIMIT_STATUSES,
    description:
      '`pending`: the approver\'s work queue, every grant and renewal awaiting a decision (a pending renewal of an active or expired limit included), ' +
      'each with `requestedBy`; otherwise the limit\'s status on `asOf`',
  })
  @IsOptional()
  @IsIn([...LIMIT_STATUSES])
  status?: LimitReadModel['status'];

  @ApiPropertyOptional({ description: "Only this customer's limits", example: 'C0240' })
  @IsOptional()
  @IsEntityId()
  customerId?: string;
}
