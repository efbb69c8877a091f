import { ApiProperty } from '@nestjs/swagger';
import type { CustomerReadModel, LimitReadModel } from '@groupcap/projections';
import { LogEntrySchema } from '../events/log-entry.schema';

/** OpenAPI only (responses are not transformed): mirrors the read side's CustomerReadModel. */
export class PendingRenewalSchema {
  @ApiProperty({ example: '60000000.00' }) amount!: string;
  @ApiProperty({ example: '2026-12-31' }) validTo!: string;
  @ApiProperty({ example: 'olivia' }) requestedBy!: string;
}

export class LimitSchema implements LimitReadModel {
  @ApiProperty({ example: 'L-001' }) limitId!: string;
  @ApiProperty({ example: 'C-001' }) customerId!: string;
  @ApiProperty({ example: '50000000.00' }) amount!: string;
  @ApiProperty({ example: '2025-01-01' }) validFrom!: string;
  @ApiProperty({ example: '2025-12-31' }) validTo!: string;
  @ApiProperty({ enum: ['standard', 'low-risk'] }) riskClass!: 'standard' | 'low-risk';
  @ApiProperty({ type: String, nullable: true, example: 'Shanghai Branch' }) branch!: string | null;
  @ApiProperty({ enum: ['pending', 'active', 'rejected', 'cancelled', 'expired'] }) status!: LimitReadModel['status'];
  @ApiProperty({ type: PendingRenewalSchema, nullable: true }) pendingRenewal!: PendingRenewalSchema | null;
  @ApiProperty({ example: '10000000.00' }) outstanding!: string;
  @ApiProperty({ example: '8000000.00' }) exposure!: string;
  @ApiProperty({ example: '40000000.00' }) available!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The group limit it is an allocation of', example: null }) groupLimitId!: string | null;
}

export class CustomerSchema implements CustomerReadModel {
  @ApiProperty({ example: 'C-001' }) customerId!: string;
  @ApiProperty({ example: 'Huaxin Holdings Co., Ltd.' }) name!: string;
  @ApiProperty({ example: 'enterprise' }) kind!: string;
  @ApiProperty({ type: String, nullable: true, example: '91350100M000100Y43' }) creditCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null when standalone', example: 'G000001' }) groupId!: string | null;
  @ApiProperty({ type: [LimitSchema] }) limits!: LimitSchema[];
  @ApiProperty({ example: '50000000.00' }) comprehensiveLimit!: string;
  @ApiProperty({ example: '10000000.00' }) outstanding!: string;
  @ApiProperty({ example: '8000000.00' }) exposure!: string;
}

export class CustomerHistorySchema {
  @ApiProperty({ example: 'C-001' }) customerId!: string;
  @ApiProperty({ type: [LogEntrySchema], description: 'In log order' }) items!: LogEntrySchema[];
}
