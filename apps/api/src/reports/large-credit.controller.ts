import { Body, Controller, Get, Inject, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { CSV_EXAMPLE, LargeCreditReportSchema } from './large-credit.schema';
import { EVENT_STORE, EventStore } from '@groupcap/event-store';
import {
  LARGE_CREDIT_REPORTS,
  LargeCreditReport,
  LargeCreditReports,
  READ_MODELS,
  ReadModels,
  fileLargeCreditReportCommand,
  largeCreditCsv,
  largeCreditWorkbook,
} from '@groupcap/projections';
import { Roles } from '../auth/roles.decorator';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import { ApiCommand } from '../docs/api-command.decorator';
import { ApiCodes, READ_CODES } from '../docs/api-problems.decorator';
import type { HttpRequest, HttpResponse } from '../http/http-types';
import { READ_WAIT_MS, ReadConsistency } from '../reads/read-consistency.service';
import { FileLargeCreditReportDto } from './file-large-credit-report.dto';
import { LargeCreditQuery } from './large-credit.query';
import { ReportAudit } from './report-audit';
import { XLSX, awaitReadSideAtHead, reportAnswer } from './report-answer';


@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports/large-credit')
export class LargeCreditController {
  constructor(
    private readonly consistency: ReadConsistency,
    private readonly commands: CommandGateway,
    private readonly audit: ReportAudit,
    @Inject(LARGE_CREDIT_REPORTS) private readonly reports: LargeCreditReports,
    @Inject(READ_MODELS) private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_WAIT_MS) private readonly waitMs: number,
  ) {}

  @Get()
  @Roles('regulator', 'risk')
  @ApiOperation({
    summary: 'Large-credit statistical report (客户大额授信统计表) as of a business date',
    description:
      'One row per group client and standalone customer with credit, ranked by maximum comprehensive credit limit. A filed date answers ' +
      'the filed rows; when back-dated events changed them since, `restated` is true and `current` and `differences` say how. ' +
      '`inBreach` is measured on the date: comprehensive limit or exposure over the cap in force then.',
  })
  @ApiProduces('application/json', 'text/csv', XLSX)
  @ApiExtraModels(LargeCreditReportSchema)
  @ApiOkResponse({
    description:
      'json: the report. csv: one header row (the form\'s Chinese name and the JSON name of each column), the json row columns then ' +
      'report (filed|current), restated (true|false), asOf and unit on every row; a restated filing gives the filed rows, then the current ' +
      'rows; text cells starting with = + - @, tab or CR get a leading apostrophe; UTF-8 with a byte order mark. xlsx: the report sheet ' +
      '(A4 landscape, fitted to the page width, title and header rows repeated on every page, number cells with thousands separators), ' +
      'then the groups\' members with their credit codes; a restated filing adds a Current sheet and a Differences sheet.',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(LargeCreditReportSchema) } },
      'text/csv': { schema: { type: 'string' }, example: CSV_EXAMPLE },
      [XLSX]: { schema: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCodes(...READ_CODES)
  async report(@Query() query: LargeCreditQuery, @Req() req: HttpRequest): Promise<LargeCreditReport | StreamableFile> {
    await this.consistency.awaitPosition(query.minPosition);
    await this.readModels.whenKept('report', query.asOf);
    const format = query.format ?? 'json';
    const report = await this.reports.largeCreditReport({ asOf: query.asOf, threshold: query.threshold, unit: query.unit });
    this.audit.read(req.principal, {
      report: 'large-credit',
      asOf: report.asOf,
      format,
      unit: report.unit,
      threshold: query.threshold ?? null,
      rows: report.rows.length,
    });
    const name = `large-credit-${report.asOf}${report.unit === 'wan' ? '-wan' : ''}`;
    return reportAnswer(report, format, name, { csv: largeCreditCsv, xlsx: largeCreditWorkbook });
  }

  @Post('filings')
  @Roles('admin', 'risk')
  @ApiOperation({ summary: 'File the report of a date: its rows, as the log says now, are frozen in the log (once per date)' })
  // A command like any other: 201 with the event recorded (never 202: a filing needs no approval).
  @ApiCommand({
    problems: [422],
    created: 'filed: the LargeCreditReportFiled event and its log position',
    codes: ['REPORT_ALREADY_FILED', 'NET_CAPITAL_NOT_DECLARED', 'READ_MODEL_BEHIND'],
  })
  async file(@Body() body: FileLargeCreditReportDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    await awaitReadSideAtHead(this.store, this.readModels, this.waitMs);
    // A quarter end's rows are kept by the keeping thread: its first filing would otherwise measure the whole book here.
    await this.readModels.whenKept('report', body.asOf);
    return this.commands.submit(fileLargeCreditReportCommand(await this.reports.largeCreditReportForFiling(body.asOf)), body.effectiveDate, envelope, res);
  }
}
