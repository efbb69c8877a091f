import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import { CommandBodyDto } from '../commands/command-body.dto';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import { CommandResponse } from '../commands/command-response';
import { withoutUndefined } from '../commands/without-undefined';
import { ApiProblems } from '../docs/api-problems.decorator';
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
  @ApiCreatedResponse({ type: CommandResponse, description: 'granted' })
  @ApiAcceptedResponse({ type: CommandResponse, description: 'requested: awaiting an approver' })
  @ApiProblems(400, 404, 409, 422)
  grant(@Body() body: GrantLimitDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    const { limitId, customerId, amount, validFrom, validTo, riskClass, branch } = body;
    return this.commands.submit(
      withoutUndefined({ type: 'GrantLimit', limitId, customerId, amount, validFrom, validTo, riskClass, branch }),
      body.effectiveDate,
      envelope,
      res,
    );
  }

  @Post(':limitId/approve')
  @Roles('approver')
  @ApiOperation({ summary: 'Approve a pending grant or renewal (never your own request)' })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiProblems(400, 404, 409, 422)
  approve(@Param() params: LimitIdParams, @Body() body: CommandBodyDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'ApproveLimit', limitId: params.limitId }, body.effectiveDate, envelope, res);
  }

  @Post(':limitId/reject')
  @Roles('approver')
  @ApiOperation({ summary: 'Reject a pending grant or renewal' })
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiProblems(400, 404, 409)
  reject(@Param() params: LimitIdParams, @Body() body: RejectLimitDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'RejectLimit', limitId: params.limitId, reason: body.reason }, body.effectiveDate, envelope, res);
  }

  @Post(':limitId/renewal')
  @Roles('officer')
  @ApiOperation({ summary: 'Renew a limit with a new amount and end date (pending approval above the escalation threshold)' })
  @ApiCreatedResponse({ type: CommandResponse, description: 'renewed' })
  @ApiAcceptedResponse({ type: CommandResponse, description: 'renewal requested: awaiting an approver' })
  @ApiProblems(400, 404, 409, 422)
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
  @ApiCreatedResponse({ type: CommandResponse })
  @ApiProblems(400, 404, 409)
  cancel(@Param() params: LimitIdParams, @Body() body: CommandBodyDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'CancelLimit', limitId: params.limitId }, body.effectiveDate, envelope, res);
  }
}
