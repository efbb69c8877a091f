import { ApiProperty } from '@nestjs/swagger';
import type { CapitalWithTier1ReadModel, Tier1DeclarationReadModel } from '@groupcap/projections';

/** OpenAPI only: mirrors the read side's CapitalWithTier1ReadModel. */
export class NetCapitalDeclarationSchema implements Tier1DeclarationReadModel {
  @ApiProperty({ description: 'the business date the figure applies from', example: '2024-12-31' }) asOf!: string;
  @ApiProperty({ example: '5000000000.00' }) netCapital!: string;
  @ApiProperty({ type: String, nullable: true, description: 'tier-1 net capital (一级资本净额), the base of the 2018 caps; null when this declaration gave none', example: '4000000000.00' })
  tier1NetCapital!: string | null;
}

export class CapitalSchema implements CapitalWithTier1ReadModel {
  @ApiProperty({ example: '2025-12-31' }) asOf!: string;
  @ApiProperty({ type: String, nullable: true, description: 'tier-1 net capital in force on asOf; null while none is (the 2018 caps are then not checked)', example: '4000000000.00' })
  tier1NetCapital!: string | null;
  @ApiProperty({ type: NetCapitalDeclarationSchema, nullable: true, description: 'null while no declaration applies' }) inForce!: NetCapitalDeclarationSchema | null;
  @ApiProperty({ type: [NetCapitalDeclarationSchema], description: 'every declaration applying by asOf, by its own asOf' }) declarations!: NetCapitalDeclarationSchema[];
}
