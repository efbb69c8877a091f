import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READ_MODELS, ReadModels } from '@groupcap/projections';
import { Roles } from '../auth/roles.decorator';
import { CommandBodyDto } from '../commands/command-body.dto';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import { withoutUndefined } from '../commands/without-undefined';
import { ApiCommand } from '../docs/api-command.decorator';
import { ApiCodes, LIST_CODES, READ_CODES } from '../docs/api-problems.decorator';
import type { HttpRequest, HttpResponse } from '../http/http-types';
import { ProblemException } from '../problems/problem-details';
import { LimitDetailSchema, LimitPageSchema } from '../customers/customer.schema';
import { assertMayList, assertMayReadOne, withOutlookFor } from '../reads/least-exposure';
import { pageSize } from '../reads/paged.query';
import { ReadConsistency } from '../reads/read-consistency.service';
import { ReadQuery } from '../reads/read.query';
import { ListLimitsQuery } from './list-limits.query';
import { GrantLimitDto } from './grant-limit.dto';
import { LimitIdParams } from './limit-id.params';
import { RejectLimitDto } from './reject-limit.dto';
import { RenewLimitDto } from './renew-limit.dto';

@ApiTags('limits')
@ApiBearerAuth()
@Controller('api/v1/limits')
export class LimitsController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly consistency: ReadConsistency,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  @Get()
  @Roles('officer', 'approver', 'risk')
  @ApiOperation({
    summary: "Limits by id, filtered by status and customer, a page at a time; status=pending is an approver's work queue",
    description:
      'Roles: officer, approver, risk. `status=pending` lists every grant and renewal awaiting a decision on `asOf`, with `requestedBy` ' +
      '(who asked: an approver may decide any of them but their own) and `pendingRenewal`. Pass the `next` of a page as `cursor` for the one after it. ' +
      'An approver (least exposure) lists `status=pending`, or the limits of a customer with a request awaiting their decision (403 FORBIDDEN otherwise). ' +
      "`ifApproved` says what approving would make of the group's (or standalone customer's) comprehensive limit against its cap; an approver gets it null on their own requests.",
  })
  @ApiOkResponse({ type: LimitPageSchema })
  @ApiCodes(...LIST_CODES)
  async list(@Query() query: ListLimitsQuery, @Req() req: HttpRequest) {
    await this.consistency.awaitPosition(query.minPosition);
    assertMayList(req.principal, this.readModels, query);
    const page = await this.readModels.limits({ status: query.status, customerId: query.customerId, cursor: query.cursor, limit: pageSize(query), asOf: query.asOf });
    return { ...page, items: page.items.map((item) => withOutlookFor(req.principal, item)) };
  }

  @Get(':limitId')
  @Roles('officer', 'approver', 'risk')
  @ApiOperation({ summary: 'One limit as of a date, with its drawdowns', description: 'Roles: officer, risk; an approver only while the limit or its customer has a request awaiting their decision (403 FORBIDDEN otherwise).' })
  @ApiOkResponse({ type: LimitDetailSchema })
  @ApiCodes(...READ_CODES, 'LIMIT_NOT_FOUND')
  async limit(@Param() params: LimitIdParams, @Query() query: ReadQuery, @Req() req: HttpRequest) {
    await this.consistency.awaitPosition(query.minPosition);
    const limit = this.readModels.limit(params.limitId, query.asOf);
    assertMayReadOne(req.principal, this.readModels, `limit ${params.limitId}`, limit && { requestedBy: limit.requestedBy, subject: { customerId: limit.customerId } });
    if (!limit) throw new ProblemException('LIMIT_NOT_FOUND', `limit ${params.limitId} does not exist on ${query.asOf ?? 'today'}`, { limitId: params.limitId });
    return limit;
  }

  @Post()
  @Roles('officer')
  @ApiOperation({ summary: 'Grant a credit limit (pending approval above the escalation threshold)' })
  @ApiCommand({
    problems: [404, 422],
    created: 'granted',
    accepted: 'requested: awaiting an approver',
    codes: [
      'CUSTOMER_NOT_FOUND', 'GROUP_CAP_EXCEEDED', 'CUSTOMER_CAP_EXCEEDED', 'NET_CAPITAL_NOT_DECLARED', 'INVALID_PERIOD', 'INVALID_AMOUNT', 'LIMIT_EXISTS', 'EFFECTIVE_DATE_TOO_EARLY',
      'GROUP_LIMIT_NOT_FOUND', 'GROUP_LIMIT_EXCEEDED', 'NOT_IN_GROUP', 'LIMIT_NOT_ACTIVE',
    ],
  })
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
  @ApiCommand({
    problems: [404, 422],
    codes: ['LIMIT_NOT_FOUND', 'SELF_APPROVAL', 'NOT_PENDING', 'LIMIT_NOT_ACTIVE', 'GROUP_CAP_EXCEEDED', 'CUSTOMER_CAP_EXCEEDED', 'NET_CAPITAL_NOT_DECLARED', 'EFFECTIVE_DATE_TOO_EARLY'],
  })
  approve(@Param() params: LimitIdParams, @Body() body: CommandBodyDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'ApproveLimit', limitId: params.limitId }, body.effectiveDate, envelope, res);
  }

  @Post(':limitId/reject')
  @Roles('approver')
  @ApiOperation({ summary: 'Reject a pending grant or renewal' })
  @ApiCommand({ problems: [404], codes: ['LIMIT_NOT_FOUND', 'NOT_PENDING', 'EFFECTIVE_DATE_TOO_EARLY'] })
  reject(@Param() params: LimitIdParams, @Body() body: RejectLimitDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'RejectLimit', limitId: params.limitId, reason: body.reason }, body.effectiveDate, envelope, res);
  }

  @Post(':limitId/renewal')
  @Roles('officer')
  @ApiOperation({ summary: 'Renew a limit with a new amount and end date (pending approval above the escalation threshold)' })
  @ApiCommand({
    problems: [404, 422],
    created: 'renewed',
    accepted: 'renewal requested: awaiting an approver',
    codes: ['LIMIT_NOT_FOUND', 'GROUP_CAP_EXCEEDED', 'CUSTOMER_CAP_EXCEEDED', 'NET_CAPITAL_NOT_DECLARED', 'INVALID_PERIOD', 'INVALID_AMOUNT', 'RENEWAL_PENDING', 'EFFECTIVE_DATE_TOO_EARLY'],
  })
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
  @ApiCommand({ problems: [404], codes: ['LIMIT_NOT_FOUND', 'LIMIT_HAS_OUTSTANDING', 'EFFECTIVE_DATE_TOO_EARLY'] })
  cancel(@Param() params: LimitIdParams, @Body() body: CommandBodyDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'CancelLimit', limitId: params.limitId }, body.effectiveDate, envelope, res);
  }
}
