import { ApiProperty } from '@nestjs/swagger';
import type { PolicyReadModel } from '@groupcap/projections';

/** OpenAPI only: mirrors the read side's PolicyReadModel. */
export class PolicySchema implements PolicyReadModel {
  @ApiProperty({ example: '2025-12-31' }) asOf!: string;
  @ApiProperty({ description: 'cap of a group: this ratio x net capital', example: '0.15' }) groupCapRatio!: string;
  @ApiProperty({ description: 'cap of a standalone customer', example: '0.10' }) singleCustomerCapRatio!: string;
  @ApiProperty({ description: 'above this total comprehensive limit a grant or renewal needs an approver', example: '66000000.00' }) escalationThreshold!: string;
  @ApiProperty({ description: 'a control bloc holding more than this share of the voting capital controls', example: '0.5' }) equityControlThreshold!: string;
}
