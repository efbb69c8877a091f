import { ApiProperty } from '@nestjs/swagger';
import type { BreachReadModel } from '@groupcap/projections';

/** OpenAPI only (responses are not transformed): mirrors the read side's BreachReadModel. */
export class BreachSchema implements BreachReadModel {
  @ApiProperty({ type: String, nullable: true, example: 'G000001' }) groupId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The customer, for a standalone customer over its cap' }) customerId!: string | null;
  @ApiProperty({ enum: ['limit', 'exposure'] }) basis!: 'limit' | 'exposure';
  @ApiProperty({ example: '160000000.00' }) measure!: string;
  @ApiProperty({ example: '150000000.00' }) cap!: string;
  @ApiProperty({ description: 'Business date the breach began', example: '2025-03-31' }) since!: string;
}

export class BreachListSchema {
  @ApiProperty({ type: [BreachSchema] }) items!: BreachSchema[];
}
