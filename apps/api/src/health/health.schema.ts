import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SERVER_ROLES, ServerRole } from '../config/server-role';

/** OpenAPI only: what /health answers, ok (200) or starting (503). */
export class HealthSchema {
  @ApiProperty({ enum: ['ok', 'starting'] }) status!: 'ok' | 'starting';
  @ApiProperty({ enum: [...SERVER_ROLES] }) role!: ServerRole;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'ok only: the last log position applied (a writer: the head of the log)', example: '42' })
  position?: string | null;
}
