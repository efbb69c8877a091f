import { ApiProperty } from '@nestjs/swagger';
import type { ApprovalOutlookReadModel, LimitListItemReadModel, CustomerReadModel, CustomerSummaryReadModel, DrawdownReadModel, LimitDetailReadModel, LimitReadModel } from '@groupcap/projections';
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
  @ApiProperty({ type: String, nullable: true, description: 'Who asked for the grant or renewal awaiting a decision; null when none awaits one', example: 'officer-2' })
  requestedBy!: string | null;
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

export class CustomerSummarySchema implements CustomerSummaryReadModel {
  @ApiProperty({ example: 'C0279' }) customerId!: string;
  @ApiProperty({ example: '北辰远洋钢铁有限公司' }) name!: string;
  @ApiProperty({ example: 'enterprise' }) kind!: string;
  @ApiProperty({ type: String, nullable: true, example: '91110105P0BXYRBWRM' }) creditCode!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'null when standalone', example: null }) groupId!: string | null;
  @ApiProperty({ example: '314000000.00' }) comprehensiveLimit!: string;
  @ApiProperty({ example: '0.00' }) outstanding!: string;
  @ApiProperty({ example: '0.00' }) exposure!: string;
}

export class CustomerPageSchema {
  @ApiProperty({ type: [CustomerSummarySchema] }) items!: CustomerSummarySchema[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page; null on the last', example: 'eyJjdXN0b21lcklkIjoiQzAwNTAifQ' })
  next!: string | null;
}

export class DrawdownSchema implements DrawdownReadModel {
  @ApiProperty({ example: 'D0123' }) drawdownId!: string;
  @ApiProperty({ example: 'acceptance' }) product!: string;
  @ApiProperty({ example: '20000000.00' }) amount!: string;
  @ApiProperty({ description: 'what the booking left unexposed: its margin (all of it on a low-risk limit)', example: '5000000.00' }) margin!: string;
  @ApiProperty({ example: '20000000.00' }) outstanding!: string;
  @ApiProperty({ example: '15000000.00' }) exposure!: string;
  @ApiProperty({ example: '2025-03-12' }) bookedOn!: string;
}

export class LimitDetailSchema extends LimitSchema implements LimitDetailReadModel {
  @ApiProperty({ type: [DrawdownSchema], description: 'Booked on or before asOf, in booking order' }) drawdowns!: DrawdownSchema[];
}

export class ApprovalOutlookSchema implements ApprovalOutlookReadModel {
  @ApiProperty({ enum: ['group', 'customer'], description: "the customer's group, or the customer when standalone" }) subjectType!: 'group' | 'customer';
  @ApiProperty({ type: String, nullable: true, example: 'G-0001' }) groupId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) customerId!: string | null;
  @ApiProperty({ example: '90000000.00', description: "the subject's comprehensive limit now" }) comprehensiveLimit!: string;
  @ApiProperty({ example: '140000000.00', description: 'the same with this limit as it will be once approved' }) comprehensiveLimitIfApproved!: string;
  @ApiProperty({ type: String, nullable: true, example: '150000000.00', description: 'null while no net capital is declared' }) cap!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '0.9333' }) capUtilizationIfApproved!: string | null;
  @ApiProperty({ type: Boolean, nullable: true, example: false }) overCapIfApproved!: boolean | null;
}

export class LimitListItemSchema extends LimitSchema implements LimitListItemReadModel {
  @ApiProperty({ type: ApprovalOutlookSchema, nullable: true, description: 'what approving the request awaiting a decision would do; null when none awaits one' })
  ifApproved!: ApprovalOutlookSchema | null;
}

export class LimitPageSchema {
  @ApiProperty({ type: [LimitListItemSchema] }) items!: LimitListItemSchema[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page; null on the last', example: 'eyJsaW1pdElkIjoiTDAwNTAifQ' })
  next!: string | null;
}
