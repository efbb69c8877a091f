import { ApiProperty } from '@nestjs/swagger';
import type { GroupLimitAllocationReadModel, GroupLimitReadModel, GroupLimitSummary } from '@groupcap/projections';
import { PendingRenewalSchema } from '../customers/customer.schema';

const STATUSES = ['pending', 'active', 'rejected', 'cancelled', 'expired'];

/** OpenAPI only (responses are not transformed): mirrors the read side's GroupLimitSummary. */
export class GroupLimitSummarySchema implements GroupLimitSummary {
  @ApiProperty({ example: 'GL-001' }) groupLimitId!: string;
  @ApiProperty({ example: '100000000.00' }) amount!: string;
  @ApiProperty({ example: '2025-01-01' }) validFrom!: string;
  @ApiProperty({ example: '2025-12-31' }) validTo!: string;
  @ApiProperty({ enum: STATUSES }) status!: GroupLimitSummary['status'];
  @ApiProperty({ type: PendingRenewalSchema, nullable: true }) pendingRenewal!: PendingRenewalSchema | null;
}

export class GroupLimitAllocationSchema implements GroupLimitAllocationReadModel {
  @ApiProperty({ example: 'L-001' }) limitId!: string;
  @ApiProperty({ example: 'C-001' }) customerId!: string;
  @ApiProperty({ example: '40000000.00' }) amount!: string;
  @ApiProperty({ enum: STATUSES }) status!: GroupLimitAllocationReadModel['status'];
  @ApiProperty({ example: '30000000.00' }) outstanding!: string;
  @ApiProperty({ description: 'amount - outstanding, never below zero', example: '10000000.00' }) unused!: string;
  @ApiProperty({ description: 'false once its customer left the group: it then counts on its own' }) inGroupLimit!: boolean;
}

export class GroupLimitSchema extends GroupLimitSummarySchema implements GroupLimitReadModel {
  @ApiProperty({ description: 'The group it belongs to on the date (the survivor after a merge)', example: 'G000001' }) groupId!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Who asked for the pending grant', example: 'olivia' }) requestedBy!: string | null;
  @ApiProperty({ type: [GroupLimitAllocationSchema] }) allocations!: GroupLimitAllocationSchema[];
  @ApiProperty({ description: 'Live allocations of the group members', example: '100000000.00' }) allocated!: string;
  @ApiProperty({ description: 'amount - allocated', example: '0.00' }) unallocated!: string;
  @ApiProperty({ description: 'What the allocations of the group members have outstanding', example: '30000000.00' }) used!: string;
  @ApiProperty({ description: 'amount - used', example: '70000000.00' }) unused!: string;
}

export class GroupLimitPageSchema {
  @ApiProperty({ type: [GroupLimitSchema] }) items!: GroupLimitSchema[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page; null on the last', example: 'eyJncm91cExpbWl0SWQiOiJHTC0wMDEifQ' })
  next!: string | null;
}
