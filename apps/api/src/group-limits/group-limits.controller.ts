import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READ_MODELS, ReadModels } from '@groupcap/projections';
import { Roles } from '../auth/roles.decorator';
import { CommandBodyDto } from '../commands/command-body.dto';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import { ApiCommand } from '../docs/api-command.decorator';
import { ApiCodes, LIST_CODES, READ_CODES } from '../docs/api-problems.decorator';
import { GroupIdParams } from '../groups/group-id.params';
import type { HttpRequest, HttpResponse } from '../http/http-types';
import { RejectLimitDto } from '../limits/reject-limit.dto';
import { RenewLimitDto } from '../limits/renew-limit.dto';
import { ProblemException } from '../problems/problem-details';
import { assertMayList, assertMayReadOne } from '../reads/least-exposure';
import { pageSize } from '../reads/paged.query';
import { ReadConsistency } from '../reads/read-consistency.service';
import { ReadQuery } from '../reads/read.query';
import { GroupLimitIdParams, ReallocateGroupLimitDto, RequestGroupLimitDto } from './group-limit.dto';
import { GroupLimitPageSchema, GroupLimitSchema } from './group-limit.schema';
import { ListGroupLimitsQuery } from './list-group-limits.query';

/** Group unified credit (集团统一授信): thin mapping of HTTP to the group-limit commands and read. */
@ApiTags('group limits')
@ApiBearerAuth()
@Controller('api/v1/group-limits')
export class GroupLimitsController {
  constructor(
    private readonly commands: CommandGateway,
    private readonly consistency: ReadConsistency,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
  ) {}

  @Get()
  @Roles('officer', 'approver', 'risk')
  @ApiOperation({
    summary: "Group limits by id, filtered by status and group, a page at a time; status=pending is the group-limit part of an approver's work queue",
    description:
      'Roles: officer, approver, risk. Each item is the group limit as `GET /group-limits/{id}` answers it. Pass the `next` of a page as `cursor` for the one after it. ' +
      'An approver (least exposure) lists `status=pending`, or the group limits of a group with a request awaiting their decision (403 FORBIDDEN otherwise).',
  })
  @ApiOkResponse({ type: GroupLimitPageSchema })
  @ApiCodes(...LIST_CODES)
  async list(@Query() query: ListGroupLimitsQuery, @Req() req: HttpRequest) {
    await this.consistency.awaitPosition(query.minPosition);
    assertMayList(req.principal, this.readModels, query);
    return this.readModels.groupLimits({ status: query.status, groupId: query.groupId, cursor: query.cursor, limit: pageSize(query), asOf: query.asOf });
  }

  @Get(':groupLimitId')
  @Roles('officer', 'approver', 'risk')
  @ApiOperation({
    summary: 'A group limit: its terms, each allocation, the allocated, used and unused amounts',
    description: 'Roles: officer, risk; an approver only while the group limit or its group has a request awaiting their decision (403 FORBIDDEN otherwise).',
  })
  @ApiOkResponse({ type: GroupLimitSchema })
  @ApiCodes(...READ_CODES, 'GROUP_LIMIT_NOT_FOUND')
  async groupLimit(@Param() params: GroupLimitIdParams, @Query() query: ReadQuery, @Req() req: HttpRequest) {
    await this.consistency.awaitPosition(query.minPosition);
    const view = this.readModels.groupLimit(params.groupLimitId, query.asOf);
    assertMayReadOne(req.principal, this.readModels, `group limit ${params.groupLimitId}`, view && { requestedBy: view.requestedBy, subject: { groupId: view.groupId } });
    if (!view) throw new ProblemException('GROUP_LIMIT_NOT_FOUND', `group limit ${params.groupLimitId} does not exist`, { groupLimitId: params.groupLimitId });
    return view;
  }

  @Post(':groupLimitId/approve')
  @Roles('approver')
  @ApiOperation({ summary: 'Approve a pending group limit or its renewal (never your own request)' })
  @ApiCommand({ problems: [404, 422], codes: ['GROUP_LIMIT_NOT_FOUND', 'SELF_APPROVAL', 'NOT_PENDING', 'LIMIT_NOT_ACTIVE', 'GROUP_CAP_EXCEEDED', 'NET_CAPITAL_NOT_DECLARED', 'EFFECTIVE_DATE_TOO_EARLY'] })
  approve(@Param() params: GroupLimitIdParams, @Body() body: CommandBodyDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'ApproveGroupLimit', groupLimitId: params.groupLimitId }, body.effectiveDate, envelope, res);
  }

  @Post(':groupLimitId/reject')
  @Roles('approver')
  @ApiOperation({ summary: 'Reject a pending group limit or its renewal' })
  @ApiCommand({ problems: [404], codes: ['GROUP_LIMIT_NOT_FOUND', 'NOT_PENDING', 'EFFECTIVE_DATE_TOO_EARLY'] })
  reject(@Param() params: GroupLimitIdParams, @Body() body: RejectLimitDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'RejectGroupLimit', groupLimitId: params.groupLimitId, reason: body.reason }, body.effectiveDate, envelope, res);
  }

  @Post(':groupLimitId/renewal')
  @Roles('officer')
  @ApiOperation({ summary: 'Request a renewal of a group limit (always a request: head office decides)' })
  @ApiCommand({
    problems: [404, 422],
    accepted: 'renewal requested: awaiting an approver',
    codes: ['GROUP_LIMIT_NOT_FOUND', 'LIMIT_NOT_ACTIVE', 'RENEWAL_PENDING', 'INVALID_PERIOD', 'INVALID_AMOUNT', 'GROUP_CAP_EXCEEDED', 'NET_CAPITAL_NOT_DECLARED', 'EFFECTIVE_DATE_TOO_EARLY'],
  })
  renew(@Param() params: GroupLimitIdParams, @Body() body: RenewLimitDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'RenewGroupLimit', groupLimitId: params.groupLimitId, amount: body.amount, validTo: body.validTo }, body.effectiveDate, envelope, res);
  }

  @Post(':groupLimitId/cancel')
  @Roles('officer')
  @ApiOperation({ summary: 'Cancel a group limit with nothing outstanding under its allocations' })
  @ApiCommand({ problems: [404, 422], codes: ['GROUP_LIMIT_NOT_FOUND', 'LIMIT_NOT_ACTIVE', 'LIMIT_HAS_OUTSTANDING', 'EFFECTIVE_DATE_TOO_EARLY'] })
  cancel(@Param() params: GroupLimitIdParams, @Body() body: CommandBodyDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'CancelGroupLimit', groupLimitId: params.groupLimitId }, body.effectiveDate, envelope, res);
  }

  @Post(':groupLimitId/reallocations')
  @Roles('officer')
  @ApiOperation({ summary: 'Move unused room from one member limit to another under the group limit (额度调剂)' })
  @ApiCommand({ problems: [404, 422], codes: ['GROUP_LIMIT_NOT_FOUND', 'LIMIT_NOT_FOUND', 'NOT_AN_ALLOCATION', 'NOT_IN_GROUP', 'LIMIT_EXCEEDED', 'INVALID_AMOUNT', 'EFFECTIVE_DATE_TOO_EARLY'] })
  reallocate(@Param() params: GroupLimitIdParams, @Body() body: ReallocateGroupLimitDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    const { fromLimitId, toLimitId, amount } = body;
    return this.commands.submit({ type: 'ReallocateGroupLimit', groupLimitId: params.groupLimitId, fromLimitId, toLimitId, amount }, body.effectiveDate, envelope, res);
  }
}

/** POST /groups/{groupId}/limits: a group limit requested for a group (kept apart from the groups read controller). */
@ApiTags('group limits')
@ApiBearerAuth()
@Controller('api/v1/groups')
export class GroupLimitRequestsController {
  constructor(private readonly commands: CommandGateway) {}

  @Post(':groupId/limits')
  @Roles('officer')
  @ApiOperation({ summary: 'Request a group limit for a group client (always a request: head office decides)' })
  @ApiCommand({
    problems: [404, 422],
    accepted: 'requested: awaiting an approver',
    codes: ['GROUP_NOT_FOUND', 'GROUP_LIMIT_EXISTS', 'INVALID_PERIOD', 'INVALID_AMOUNT', 'GROUP_CAP_EXCEEDED', 'NET_CAPITAL_NOT_DECLARED', 'EFFECTIVE_DATE_TOO_EARLY'],
  })
  request(@Param() params: GroupIdParams, @Body() body: RequestGroupLimitDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    const { groupLimitId, amount, validFrom, validTo } = body;
    return this.commands.submit({ type: 'RequestGroupLimit', groupLimitId, groupId: params.groupId, amount, validFrom, validTo }, body.effectiveDate, envelope, res);
  }
}
