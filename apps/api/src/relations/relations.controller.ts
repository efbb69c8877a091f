import { Body, Controller, Delete, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CommandBodyDto } from '../commands/command-body.dto';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import { withoutUndefined } from '../commands/without-undefined';
import { ApiCommand } from '../docs/api-command.decorator';
import type { HttpResponse } from '../http/http-types';
import { RecordRelationDto } from './record-relation.dto';
import { RelationIdParams } from './relation-id.params';

@ApiTags('relations')
@ApiBearerAuth()
@Controller('api/v1/relations')
export class RelationsController {
  constructor(private readonly commands: CommandGateway) {}

  @Post()
  @Roles('officer')
  @ApiOperation({ summary: 'Record a related-party link (may form, merge or change a group)' })
  @ApiCommand({
    problems: [404],
    codes: ['CUSTOMER_NOT_FOUND', 'SELF_RELATION', 'INVALID_SHARE', 'EQUITY_OVER_100', 'INVALID_RELATION', 'RELATION_EXISTS', 'EFFECTIVE_DATE_TOO_EARLY'],
  })
  record(@Body() body: RecordRelationDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    const { relationId, from, to, type, share } = body;
    return this.commands.submit(
      withoutUndefined({ type: 'RecordRelation', relationId, from, to, relationType: type, share }),
      body.effectiveDate,
      envelope,
      res,
    );
  }

  @Delete(':relationId')
  @Roles('officer')
  @ApiOperation({ summary: 'Remove a relation (may split a group)' })
  @ApiCommand({ problems: [404], codes: ['RELATION_NOT_FOUND', 'EFFECTIVE_DATE_TOO_EARLY'] })
  remove(
    @Param() params: RelationIdParams,
    @Body() body: CommandBodyDto,
    @Envelope() envelope: CommandEnvelope,
    @Res({ passthrough: true }) res: HttpResponse,
  ) {
    return this.commands.submit({ type: 'RemoveRelation', relationId: params.relationId }, body.effectiveDate, envelope, res);
  }
}
