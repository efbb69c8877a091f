import { ApiProperty } from '@nestjs/swagger';
import type { CapitalReadModel, NetCapitalDeclarationReadModel } from '@groupcap/projections';

/** OpenAPI only: mirrors the read side's CapitalReadModel. */
export class NetCapitalDeclarationSchema implements NetCapitalDeclarationReadModel {
  @ApiProperty({ description: 'the business date the figure applies from', example: '2024-12-31' }) asOf!: string;
  @ApiProperty({ example: '5000000000.00' }) netCapital!: string;
}

export class CapitalSchema implements CapitalReadModel {
  @ApiProperty({ example: '2025-12-31' }) asOf!: string;
  @ApiProperty({ type: NetCapitalDeclarationSchema, nullable: true, description: 'null while no declaration applies' }) inForce!: NetCapitalDeclarationSchema | null;
  @ApiProperty({ type: [NetCapitalDeclarationSchema], description: 'every declaration applying by asOf, by its own asOf' }) declarations!: NetCapitalDeclarationSchema[];
}
