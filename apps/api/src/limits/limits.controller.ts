import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CommandBodyDto } from '../commands/command-body.dto';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import { withoutUndefined } from '../commands/without-undefined';
import { ApiCommand } from '../docs/api-command.decorator';
import type { HttpResponse } from '../http/http-types';
import { GrantLimitDto } from './grant-limit.dto';
import { LimitIdParams } from './limit-id.params';
import { RejectLimitDto } from './reject-limit.dto';
import { RenewLimitDto } from './renew-limit.dto';

@ApiTags('limits')
@ApiBearerAuth()
@Controller('api/v1/limits')
export class LimitsController {
  constructor(private readonly commands: CommandGateway) {}

  @Post()
  @Roles('officer')
  @ApiOperation({ summary: 'Grant a credit limit (pending approval above the escalation threshold)' })
  @ApiCommand({ problems: [404, 422], created: 'granted', accepted: 'requested: awaiting an approver' })
  grant(@Body() body: GrantLimitDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    const { limitId, customerId, amount, validFrom, validTo, riskClass, branch, groupLimitId } = body;
    return this.commands.submit(
      withoutUndefined({ type: 'GrantLimit', limitId, customerId, amount, validFrom, validTo, riskClass, branch, groupLimitId }),
      body.effectiveDate,
      envelope,
      res,
    );
  }

  @Post(':limitId/approve')
  @Roles('approver')
  @ApiOperation({ summary: 'Approve a pending grant or renewal (never your own request)' })
  @ApiCommand({ problems: [404, 422] })
  approve(@Param() params: LimitIdParams, @Body() body: CommandBodyDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'ApproveLimit', limitId: params.limitId }, body.effectiveDate, envelope, res);
  }

  @Post(':limitId/reject')
  @Roles('approver')
  @ApiOperation({ summary: 'Reject a pending grant or renewal' })
  @ApiCommand({ problems: [404] })
  reject(@Param() params: LimitIdParams, @Body() body: RejectLimitDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'RejectLimit', limitId: params.limitId, reason: body.reason }, body.effectiveDate, envelope, res);
  }

  @Post(':limitId/renewal')
  @Roles('officer')
  @ApiOperation({ summary: 'Renew a limit with a new amount and end date (pending approval above the escalation threshold)' })
  @ApiCommand({ problems: [404, 422], created: 'renewed', accepted: 'renewal requested: awaiting an approver' })
  renew(@Param() params: LimitIdParams, @Body() body: RenewLimitDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit(
      { type: 'RenewLimit', limitId: params.limitId, amount: body.amount, validTo: body.validTo },
      body.effectiveDate,
      envelope,
      res,
    );
  }

  @Post(':limitId/cancel')
  @Roles('officer')
  @ApiOperation({ summary: 'Cancel a limit with nothing outstanding' })
  @ApiCommand({ problems: [404] })
  cancel(@Param() params: LimitIdParams, @Body() body: CommandBodyDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'CancelLimit', limitId: params.limitId }, body.effectiveDate, envelope, res);
  }
}
