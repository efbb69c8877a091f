import { ApiProperty } from '@nestjs/swagger';
import type { LargeExposurePolicyReadModel, PolicyReadModel } from '@groupcap/projections';

export class CreditConversionFactorSchema {
  @ApiProperty({ description: 'an off-balance product', example: 'acceptance' }) product!: string;
  @ApiProperty({ description: 'its credit conversion factor in the 2018 exposure', example: '1.00' }) factor!: string;
}

/** OpenAPI only: mirrors the read side's PolicyReadModel with the 2018 regime's settings (domain.md section 8). */
export class PolicySchema implements PolicyReadModel, LargeExposurePolicyReadModel {
  @ApiProperty({ example: '2025-12-31' }) asOf!: string;
  @ApiProperty({ description: 'cap of a group: this ratio x net capital', example: '0.15' }) groupCapRatio!: string;
  @ApiProperty({ description: 'cap of a standalone customer', example: '0.10' }) singleCustomerCapRatio!: string;
  @ApiProperty({ description: 'above this total comprehensive limit a grant or renewal needs an approver', example: '66000000.00' }) escalationThreshold!: string;
  @ApiProperty({ description: 'a control bloc holding more than this share of the voting capital controls', example: '0.5' }) equityControlThreshold!: string;
  @ApiProperty({ enum: ['cbrc-2010', 'nfra-2018'], isArray: true, description: 'the regimes whose caps refuse commands (the others are measured and their breaches recorded)', example: ['cbrc-2010', 'nfra-2018'] })
  regimes!: ('cbrc-2010' | 'nfra-2018')[];
  @ApiProperty({ description: "a non-interbank client's 2018 exposure cap: this ratio x tier-1 net capital", example: '0.15' }) tier1SingleClientRatio!: string;
  @ApiProperty({ description: "a non-interbank client's loans cap: this ratio x net capital", example: '0.10' }) singleClientLoanRatio!: string;
  @ApiProperty({ description: 'a connected group of non-interbank clients: this ratio x tier-1 net capital', example: '0.20' }) tier1ConnectedGroupRatio!: string;
  @ApiProperty({ description: 'an interbank client or group: this ratio x tier-1 net capital', example: '0.25' }) tier1InterbankRatio!: string;
  @ApiProperty({ description: 'a large exposure (G14 report) reaches this ratio x tier-1 net capital', example: '0.025' }) largeExposureRatio!: string;
  @ApiProperty({ type: [CreditConversionFactorSchema], description: 'credit conversion factor of each off-balance product' }) ccf!: CreditConversionFactorSchema[];
}
