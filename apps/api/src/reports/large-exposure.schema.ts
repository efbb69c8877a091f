import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ReportDifferenceSchema, ReportFilingSchema } from './large-credit.schema';

/** OpenAPI only: mirrors the read side's G14Report (libs/projections large-exposure.port.ts). */
export class G14RowSchema {
  @ApiProperty({ example: 1 }) rank!: number;
  @ApiProperty({ enum: ['customer', 'connected-group'], description: 'a client (grouped or not), or a connected group of the 2018 measure' })
  subjectType!: 'customer' | 'connected-group';
  @ApiProperty({ description: "the customer id, or the connected group's anchor (its smallest member id)", example: 'A' }) subjectId!: string;
  @ApiProperty({ example: 'Anhe Steel' }) name!: string;
  @ApiProperty({ description: 'interbank (financial institutions): measured against the 25% interbank cap', example: false }) interbank!: boolean;
  @ApiProperty({ example: 2 }) memberCount!: number;
  @ApiProperty({ type: [String], example: ['A', 'B'] }) members!: string[];
  @ApiProperty({ type: [String], description: "the members' unified social credit codes (those without one left out)", example: ['91110000MA0000001L'] })
  creditCodes!: string[];
  @ApiProperty({ description: 'on-balance outstanding plus off-balance outstanding x CCF, in the unit', example: '9000.00' }) exposureBeforeMitigation!: string;
  @ApiProperty({ description: 'less eligible mitigation (cash margin, pledged deposit certificates, treasury bonds)', example: '8000.00' })
  exposureAfterMitigation!: string;
  @ApiProperty({ description: 'exposureAfterMitigation / tier-1 net capital, 4 decimals', example: '0.2000' }) ratio!: string;
  @ApiProperty({ description: 'a sovereign (central government, central bank): exempt from the caps', example: false }) exempt!: boolean;
  @ApiProperty({ description: 'over a 2018 cap on the date, from the figures of the date', example: false }) inBreach!: boolean;
}

class G14CurrentSchema {
  @ApiProperty({ type: String, nullable: true, example: '40000.00' }) tier1NetCapital!: string | null;
  @ApiProperty({ example: '0.025' }) largeExposureRatio!: string;
  @ApiProperty({ type: String, nullable: true, example: '1000.00' }) threshold!: string | null;
  @ApiProperty({ type: [G14RowSchema] }) rows!: G14RowSchema[];
}

export class G14ReportSchema extends G14CurrentSchema {
  @ApiProperty({ example: '2025-03-31' }) asOf!: string;
  @ApiProperty({ enum: ['yuan', 'wan'], example: 'wan' }) unit!: 'yuan' | 'wan';
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['TIER1_NET_CAPITAL_NOT_DECLARED', null],
    description: 'TIER1_NET_CAPITAL_NOT_DECLARED when no tier-1 net capital is in force on asOf: the 2018 measures are not checked, there are no rows',
  })
  reason!: 'TIER1_NET_CAPITAL_NOT_DECLARED' | null;
  @ApiProperty({ type: ReportFilingSchema, nullable: true }) filing!: ReportFilingSchema | null;
  @ApiProperty({ example: false }) restated!: boolean;
  @ApiPropertyOptional({ type: G14CurrentSchema, description: 'when restated: the report as the log says now' }) current?: G14CurrentSchema;
  @ApiPropertyOptional({ type: [ReportDifferenceSchema], description: 'when restated: what differs, in yuan' }) differences?: ReportDifferenceSchema[];
}

/** The header and one row of the G14 CSV of testing/g14-scenario.ts in wan. */
export const G14_CSV_EXAMPLE =
  '\uFEFF排名 rank,客户类型 subjectType,客户编号 subjectId,客户名称 name,同业客户 interbank,成员户数 memberCount,成员客户编号 members,' +
  '统一社会信用代码 creditCodes,风险缓释前风险暴露 exposureBeforeMitigation,风险缓释后风险暴露 exposureAfterMitigation,占一级资本净额比例 ratio,' +
  '豁免 exempt,是否超限 inBreach,报表 report,已重述 restated,报表日期 asOf,金额单位 unit\r\n' +
  '2,connected-group,A,Anhe Steel,false,2,A;B,91110000MA0000001L,9000.00,8000.00,0.2000,false,false,current,false,2025-03-31,wan\r\n';
