import { ApiProperty } from '@nestjs/swagger';
import type { LogEntry } from '@groupcap/projections';
import type { LogEntryView } from './log-entry.view';

/** OpenAPI only (responses are not transformed): an event as the log holds it. Mirrors LogEntry. */
export class LogEntrySchema implements LogEntry {
  @ApiProperty({ description: 'Global log position', example: '42' }) position!: string;
  @ApiProperty({ example: 'LimitGranted' }) type!: string;
  @ApiProperty({ description: 'Schema version of the event type', example: 1 }) version!: number;
  @ApiProperty({ example: 'book' }) streamId!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The event data; money as decimal strings' }) data!: unknown;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'commandId, correlationId, causationId, actor { userId, roles }, recordedAt, effectiveDate, decidedOn?, idempotencyKey?, requestHash?, commandIdBy? ("writer": the writer made commandId)',
  })
  metadata!: unknown;
}

export class EventsLogEntrySchema extends LogEntrySchema implements LogEntryView {
  @ApiProperty({ description: 'Revision within its stream', example: '41' }) revision!: string;
  @ApiProperty({ description: 'Event id (UUID)' }) id!: string;
}

export class EventsPageSchema {
  @ApiProperty({ type: [EventsLogEntrySchema] }) items!: EventsLogEntrySchema[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `after` for the following page; null when the page is empty', example: '42' })
  next!: string | null;
}
