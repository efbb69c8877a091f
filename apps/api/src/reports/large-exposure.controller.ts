import { Controller, Get, Inject, Query, Req, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { G14Report, G14Reports, G14_REPORTS, largeExposureCsv, largeExposureWorkbook } from '@groupcap/projections';
import { Roles } from '../auth/roles.decorator';
import { ApiCodes, READ_CODES } from '../docs/api-problems.decorator';
import type { HttpRequest } from '../http/http-types';
import { ReadConsistency } from '../reads/read-consistency.service';
import { G14ReportSchema, G14_CSV_EXAMPLE } from './large-exposure.schema';
import { LargeExposureQuery } from './large-exposure.query';
import { ReportAudit } from './report-audit';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1/reports/large-exposure')
export class LargeExposureController {
  constructor(
    private readonly consistency: ReadConsistency,
    private readonly audit: ReportAudit,
    @Inject(G14_REPORTS) private readonly reports: G14Reports,
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
    const report = this.reports.largeExposureReport({ asOf: query.asOf, unit: query.unit });
    this.audit.read(req.principal, { report: 'large-exposure', asOf: report.asOf, format, unit: report.unit, threshold: report.threshold, rows: report.rows.length });
    const name = `large-exposure-${report.asOf}${report.unit === 'yuan' ? '-yuan' : ''}`;
    switch (format) {
      case 'json':
        return report;
      case 'csv':
        return new StreamableFile(Buffer.from(largeExposureCsv(report), 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${name}.csv"` });
      case 'xlsx':
        return new StreamableFile(await largeExposureWorkbook(report), { type: XLSX, disposition: `attachment; filename="${name}.xlsx"` });
      default: {
        const unknown: never = format;
        throw new Error(`unknown report format ${String(unknown)}`);
      }
    }
  }
}
