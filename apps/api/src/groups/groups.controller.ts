import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { READ_MODELS, ReadModels } from '@groupcap/projections';
import { ApproverScope } from '../access/approver-scope';
import { Roles } from '../auth/roles.decorator';
import type { HttpRequest } from '../http/http-types';
import { ApiProblems } from '../docs/api-problems.decorator';
import { ProblemException } from '../problems/problem-details';
import { ReadConsistency } from '../reads/read-consistency.service';
import { ReadQuery } from '../reads/read.query';
import { GroupListSchema, GroupSchema } from './group.schema';
import { GroupIdParams } from './group-id.params';
import { ListGroupsQuery } from './list-groups.query';

@ApiTags('groups')
@ApiBearerAuth()
@Controller('api/v1/groups')
export class GroupsController {
  constructor(
    private readonly consistency: ReadConsistency,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    private readonly approverScope: ApproverScope,
  ) {}

  @Get()
  @Roles('officer', 'approver', 'risk')
  @ApiOperation({ summary: 'Group clients, most used cap first by default' })
  @ApiOkResponse({ type: GroupListSchema })
  @ApiProblems(400, 503)
  async list(@Query() query: ListGroupsQuery, @Req() req: HttpRequest) {
    await this.consistency.awaitPosition(query.minPosition);
    const limit = Number(query.limit ?? '50');
    // An approver sees only the groups with a request awaiting a decision: filtered from all, then cut to the limit.
    const limited = this.approverScope.limited(req.principal);
    const ranked = this.readModels.groups({ sort: query.sort ?? 'capUtilization', limit: limited ? Number.MAX_SAFE_INTEGER : limit, asOf: query.asOf });
    return { items: this.approverScope.visibleGroups(req.principal, ranked).slice(0, limit) };
  }

  @Get(':groupId')
  @Roles('officer', 'approver', 'risk')
  @ApiOperation({ summary: 'A group client: members, limits, exposure against its cap' })
  @ApiOkResponse({ type: GroupSchema })
  @ApiProblems(400, 404, 503)
  async group(@Param() params: GroupIdParams, @Query() query: ReadQuery, @Req() req: HttpRequest) {
    await this.consistency.awaitPosition(query.minPosition);
    this.approverScope.checkGroup(req.principal, params.groupId);
    const group = this.readModels.group(params.groupId, query.asOf);
    if (!group) throw new ProblemException('GROUP_NOT_FOUND', `group ${params.groupId} does not exist`, { groupId: params.groupId });
    return group;
  }
}
