import { Body, Controller, Get, Inject, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { EVENT_STORE, EventStore } from '@groupcap/event-store';
import { G14Report, G14Reports, G14_REPORTS, READ_MODELS, ReadModels, fileLargeExposureReportCommand, largeExposureCsv, largeExposureWorkbook } from '@groupcap/projections';
import { Roles } from '../auth/roles.decorator';
import { ApiCodes, READ_CODES } from '../docs/api-problems.decorator';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import { ApiCommand } from '../docs/api-command.decorator';
import type { HttpRequest, HttpResponse } from '../http/http-types';
import { READ_WAIT_MS } from '../reads/read-consistency.service';
import { FileLargeCreditReportDto as FileReportDto } from './file-large-credit-report.dto';
import { ReadConsistency } from '../reads/read-consistency.service';
import { G14ReportSchema, G14_CSV_EXAMPLE } from './large-exposure.schema';
import { LargeExposureQuery } from './large-exposure.query';
import { ReportAudit } from './report-audit';
import { XLSX, awaitReadSideAtHead, reportAnswer } from './report-answer';


@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports/large-exposure')
export class LargeExposureController {
  constructor(
    private readonly consistency: ReadConsistency,
    private readonly commands: CommandGateway,
    private readonly audit: ReportAudit,
    @Inject(G14_REPORTS) private readonly reports: G14Reports,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_WAIT_MS) private readonly waitMs: number,
  ) {}

  @Get()
  @Roles('regulator', 'risk')
  @ApiOperation({
    summary: 'G14 large-exposure report (大额风险暴露统计表) as of a business date',
    description:
      'Every client and connected group whose 2018 exposure reaches largeExposureRatio of tier-1 net capital, ranked by exposure, in wan ' +
      '(domain.md section 8). Without tier-1 net capital in force on the date the answer is still 200: tier1NetCapital null, no rows, and ' +
      '`reason` TIER1_NET_CAPITAL_NOT_DECLARED. A filed date answers the filed rows; when back-dated events changed them since, `restated` is ' +
      'true and `current` and `differences` say how.',
  })
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiExtraModels(G14ReportSchema)
  @ApiOkResponse({
    description:
      'json: the report. csv: one header row (the G14 form\'s Chinese name and the JSON name of each column), the row columns (members and ' +
      'credit codes separated by semicolons) then report (filed|current), restated, asOf and unit on every row; UTF-8 with a byte order mark. ' +
      'xlsx: the report sheet printed like the large-credit one; a restated filing adds a Current sheet and a Differences sheet.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(G14ReportSchema) } },
      'text/csv': { schema: { type: 'string' }, example: G14_CSV_EXAMPLE },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCodes(...READ_CODES)
  async report(@Query() query: LargeExposureQuery, @Req() req: HttpRequest): Promise<G14Report | StreamableFile> {
    await this.consistency.awaitPosition(query.minPosition);
    const format = query.format ?? 'json';
    const report = await this.reports.largeExposureReport({ asOf: query.asOf, unit: query.unit });
    // No query threshold: the G14 report lists what reaches the policy's largeExposureRatio of tier-1.
    this.audit.read(req.principal, { report: 'large-exposure', asOf: report.asOf, format, unit: report.unit, threshold: null, rows: report.rows.length });
    const name = `large-exposure-${report.asOf}${report.unit === 'yuan' ? '-yuan' : ''}`;
    return reportAnswer(report, format, name, { csv: largeExposureCsv, xlsx: largeExposureWorkbook });
  }

  @Post('filings')
  @Roles('admin', 'risk')
  @ApiOperation({ summary: 'File the G14 report of a date: its figures and rows, as the log says now, are frozen in the log (once per date)' })
  @ApiCommand({
    problems: [422],
    created: 'filed: the LargeExposureReportFiled event and its log position',
    codes: ['REPORT_ALREADY_FILED', 'TIER1_NET_CAPITAL_NOT_DECLARED', 'READ_MODEL_BEHIND'],
  })
  async file(@Body() body: FileReportDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    await awaitReadSideAtHead(this.store, this.readModels, this.waitMs);
    return this.commands.submit(fileLargeExposureReportCommand(await this.reports.largeExposureReportForFiling(body.asOf)), body.effectiveDate, envelope, res);
  }
}
