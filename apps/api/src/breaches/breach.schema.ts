import { ApiProperty } from '@nestjs/swagger';
import type { BreachReadModel } from '@groupcap/projections';

/** OpenAPI only (responses are not transformed): mirrors the read side's BreachReadModel. */
export class BreachSchema implements BreachReadModel {
  @ApiProperty({
    enum: ['cbrc-2010', 'nfra-2018'],
    description: 'cbrc-2010: the group-client guideline (net capital); nfra-2018: the large-exposure rules (tier-1 net capital), domain.md section 8',
  })
  regime!: 'cbrc-2010' | 'nfra-2018';
  @ApiProperty({ type: String, nullable: true, example: 'G000001' }) groupId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The customer: a standalone customer over its cap (cbrc-2010), or any client over a 2018 single-client cap' })
  customerId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'nfra-2018: a connected group over its cap, named by its smallest member id' })
  connectedGroupId!: string | null;
  @ApiProperty({ type: [String], nullable: true, description: "nfra-2018 connected group: its members when the breach was recorded" })
  members!: string[] | null;
  @ApiProperty({ enum: ['limit', 'exposure', 'tier1-single-client', 'single-client-loans', 'tier1-connected-group', 'tier1-interbank'] })
  basis!: BreachReadModel['basis'];
  @ApiProperty({ example: '160000000.00' }) measure!: string;
  @ApiProperty({ example: '150000000.00' }) cap!: string;
  @ApiProperty({ description: 'Business date the breach began', example: '2025-03-31' }) since!: string;
}

export class BreachListSchema {
  @ApiProperty({ type: [BreachSchema] }) items!: BreachSchema[];
}
