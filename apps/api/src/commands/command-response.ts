import { ApiProperty } from '@nestjs/swagger';
import type { AcceptedEvent } from '@groupcap/writer';

export class CommandResponse {
  @ApiProperty({ description: 'Global log position at which the events are durable', example: '42' })
  position!: string;

  @ApiProperty({ description: 'The recorded events, each its type followed by its data', example: [{ type: 'LimitGranted', limitId: 'L-1' }] })
  events!: Array<Record<string, unknown>>;
}

/** `{ type, ...data }`: the type leads and wins over any data field of the same name. */
export function toCommandResponse(position: bigint, events: readonly AcceptedEvent[]): CommandResponse {
  return {
    position: position.toString(),
    events: events.map((event) => Object.assign({ type: event.type }, event.data, { type: event.type })),
  };
}
