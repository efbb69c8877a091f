import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI only: mirrors the read side's LargeCreditReport. Examples are the demo book's year end in wan. */
export class ReportRowSchema {
  @ApiProperty({ example: 1 }) rank!: number;
  @ApiProperty({ enum: ['group', 'customer'], example: 'group' }) subjectType!: 'group' | 'customer';
  @ApiProperty({ type: String, nullable: true, example: 'G000010' }) groupId!: string | null;
  @ApiProperty({ type: String, nullable: true, example: null }) customerId!: string | null;
  @ApiProperty({ example: '长江鑫达集团有限公司' }) name!: string;
  @ApiProperty({ type: String, nullable: true, description: "a standalone customer's unified social credit code; null for a group (see members)", example: null })
  creditCode!: string | null;
  @ApiProperty({ example: 11 }) memberCount!: number;
  @ApiProperty({ description: '最高综合授信额度, in the unit (wan: 2 decimals, half-up)', example: '80000.00' }) comprehensiveLimit!: string;
  @ApiProperty({ example: '9506.00' }) onBalance!: string;
  @ApiProperty({ example: '7644.00' }) offBalance!: string;
  @ApiProperty({ example: '17150.00' }) outstanding!: string;
  @ApiProperty({ example: '13764.00' }) exposure!: string;
  @ApiProperty({ type: String, nullable: true, description: 'comprehensiveLimit / net capital, 4 decimals', example: '0.1600' }) ratio!: string | null;
  @ApiProperty({ example: false }) carriedForward!: boolean;
  @ApiProperty({ type: String, nullable: true, example: '深圳分行' }) leadBranch!: string | null;
  @ApiProperty({ example: true }) inBreach!: boolean;
}

export class ReportMemberSchema {
  @ApiProperty({ example: 'G000010' }) groupId!: string;
  @ApiProperty({ example: 'C0017' }) customerId!: string;
  @ApiProperty({ example: '长江鑫达集团有限公司' }) name!: string;
  @ApiProperty({ type: String, nullable: true, example: '91440300DPY2722FWN' }) creditCode!: string | null;
}

export class ReportFilingSchema {
  @ApiProperty({ example: '2483' }) position!: string;
  @ApiProperty({ example: '2026-01-05T02:00:00.000Z' }) filedAt!: string;
  @ApiProperty({ example: 'risk-1' }) filedBy!: string;
}

export class ReportDifferenceSchema {
  @ApiProperty({ example: 'customer:C0052' }) subject!: string;
  @ApiProperty({ example: 'outstanding' }) field!: string;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true, example: '7840000.00' }) filed!: unknown;
  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }], nullable: true, example: '2490000.00' }) current!: unknown;
}

class CurrentReportSchema {
  @ApiProperty({ type: String, nullable: true, example: '500000.00' }) netCapital!: string | null;
  @ApiProperty({ type: [ReportRowSchema] }) rows!: ReportRowSchema[];
}

export class LargeCreditReportSchema {
  @ApiProperty({ example: '2025-12-31' }) asOf!: string;
  @ApiProperty({ type: String, nullable: true, description: 'net capital in force on asOf, in the unit', example: '500000.00' }) netCapital!: string | null;
  @ApiProperty({ enum: ['yuan', 'wan'], example: 'wan' }) unit!: 'yuan' | 'wan';
  @ApiProperty({ type: [ReportRowSchema] }) rows!: ReportRowSchema[];
  @ApiProperty({ type: [ReportMemberSchema], description: 'the members of every group in rows (and current.rows), with their credit codes' }) members!: ReportMemberSchema[];
  @ApiProperty({ type: ReportFilingSchema, nullable: true }) filing!: ReportFilingSchema | null;
  @ApiProperty({ example: false }) restated!: boolean;
  @ApiPropertyOptional({ type: CurrentReportSchema, description: 'when restated: the report as the log says now' }) current?: CurrentReportSchema;
  @ApiPropertyOptional({ type: [ReportDifferenceSchema], description: 'when restated: what differs, in yuan' }) differences?: ReportDifferenceSchema[];
}

/** The first lines of the demo book's year-end CSV in wan. */
export const CSV_EXAMPLE =
  '\uFEFF排名 rank,客户类型 subjectType,集团编号 groupId,客户编号 customerId,客户名称 name,统一社会信用代码 creditCode,成员户数 memberCount,' +
  '最高综合授信额度 comprehensiveLimit,其中：表内授信余额 onBalance,其中：表外授信余额 offBalance,授信余额 outstanding,扣除保证金后授信余额 exposure,' +
  '占资本净额比例 ratio,含结转额度 carriedForward,牵头行 leadBranch,是否超限 inBreach,报表 report,已重述 restated,报表日期 asOf,金额单位 unit\r\n' +
  '1,group,G000010,,长江鑫达集团有限公司,,11,80000.00,9506.00,7644.00,17150.00,13764.00,0.1600,false,深圳分行,true,current,false,2025-12-31,wan\r\n' +
  '26,customer,,C0279,北辰远洋钢铁有限公司,91110105P0BXYRBWRM,1,31400.00,0.00,0.00,0.00,0.00,0.0628,false,,false,current,false,2025-12-31,wan\r\n';
