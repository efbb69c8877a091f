import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class AuditActorSchema {
  @ApiProperty() userId!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiPropertyOptional({ enum: ['token', 'as'], description: 'CLI only: proven by a token, or named with --as' }) via?: 'token' | 'as';
}

export class AuditSubjectSchema {
  @ApiProperty({ example: 'customer' }) type!: string;
  @ApiProperty({ example: 'C-001' }) id!: string;
}

export class AuditOutcomeSchema {
  @ApiProperty({ example: 403 }) status!: number;
  @ApiPropertyOptional({ example: 'FORBIDDEN' }) code?: string;
}

export class AuditRecordSchema {
  @ApiProperty({ example: '17' }) sequence!: string;
  @ApiProperty({ example: '2025-03-31T01:02:03.456Z' }) at!: string;
  @ApiProperty({ enum: ['http', 'cli'] }) channel!: 'http' | 'cli';
  @ApiProperty({ enum: ['read', 'denied', 'refused'] }) kind!: 'read' | 'denied' | 'refused';
  @ApiProperty({ type: AuditActorSchema, nullable: true, description: 'null when no identity was proven (401)' }) actor!: AuditActorSchema | null;
  @ApiProperty({ example: 'GET /api/v1/customers/C-001' }) action!: string;
  @ApiProperty({ type: AuditSubjectSchema, nullable: true }) subject!: AuditSubjectSchema | null;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: AuditOutcomeSchema }) outcome!: AuditOutcomeSchema;
  @ApiPropertyOptional() remoteAddress?: string;
  @ApiProperty({ description: 'hash of the record before (64 zeros for the first)' }) previousHash!: string;
  @ApiProperty({ description: 'sha256 of previousHash, a newline and the record\'s canonical JSON' }) hash!: string;
}

export class AuditPageSchema {
  @ApiProperty({ type: [AuditRecordSchema] }) items!: AuditRecordSchema[];
  @ApiProperty({ type: String, nullable: true, description: 'cursor for the next page; null at the end' }) next!: string | null;
}
