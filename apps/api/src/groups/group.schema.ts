import { ApiProperty } from '@nestjs/swagger';
import type { GroupReadModel } from '@groupcap/projections';
import { GroupLimitSummarySchema } from '../group-limits/group-limit.schema';

/** OpenAPI only (responses are not transformed): mirrors the read side's GroupReadModel. */
export class GroupSchema implements GroupReadModel {
  @ApiProperty({ example: 'G000001' }) groupId!: string;
  @ApiProperty({ example: 'Huaxin group' }) name!: string;
  @ApiProperty({ type: [String], example: ['C-001', 'C-002'] }) members!: string[];
  @ApiProperty({ example: '90000000.00' }) comprehensiveLimit!: string;
  @ApiProperty({ example: '20000000.00' }) onBalance!: string;
  @ApiProperty({ example: '5000000.00' }) offBalance!: string;
  @ApiProperty({ example: '25000000.00' }) outstanding!: string;
  @ApiProperty({ example: '23000000.00' }) exposure!: string;
  @ApiProperty({ type: String, nullable: true, description: 'groupCapRatio x net capital; null while no net capital is declared', example: '150000000.00' })
  cap!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '60000000.00' }) headroom!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'max(comprehensiveLimit, exposure) / cap, 4 decimals', example: '0.6000' })
  capUtilization!: string | null;
  @ApiProperty() inBreach!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'Shanghai Branch' }) leadBranch!: string | null;
  @ApiProperty({ type: [GroupLimitSummarySchema], description: 'Its group limits; they count in comprehensiveLimit in place of their allocations' })
  groupLimits!: GroupLimitSummarySchema[];
}

export class GroupListSchema {
  @ApiProperty({ type: [GroupSchema] }) items!: GroupSchema[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor of the next page; null on the last', example: 'eyJncm91cElkIjoiRzAwMDAxMCIsInZhbHVlIjoiMS4wNjY3In0' })
  next!: string | null;
}
