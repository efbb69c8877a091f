import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/roles.decorator';
import type { CommandEnvelope } from '../commands/command-envelope';
import { Envelope } from '../commands/command-envelope.decorator';
import { CommandGateway } from '../commands/command-gateway.service';
import { withoutUndefined } from '../commands/without-undefined';
import { ApiCommand } from '../docs/api-command.decorator';
import type { HttpResponse } from '../http/http-types';
import { LimitIdParams } from '../limits/limit-id.params';
import { BookDrawdownDto } from './book-drawdown.dto';
import { BookRepaymentDto } from './book-repayment.dto';
import { DrawdownIdParams } from './drawdown-id.params';

@ApiTags('drawdowns')
@ApiBearerAuth()
@Controller('api/v1')
export class DrawdownsController {
  constructor(private readonly commands: CommandGateway) {}

  @Post('limits/:limitId/drawdowns')
  @Roles('officer')
  @ApiOperation({ summary: 'Book a drawdown against an active limit' })
  @ApiCommand({
    problems: [404, 422],
    codes: [
      'LIMIT_NOT_FOUND', 'LIMIT_EXCEEDED', 'LIMIT_NOT_ACTIVE', 'GROUP_IN_BREACH', 'CUSTOMER_IN_BREACH', 'GROUP_CAP_EXCEEDED', 'CUSTOMER_CAP_EXCEEDED',
      'NET_CAPITAL_NOT_DECLARED', 'MARGIN_EXCEEDS_AMOUNT', 'LOW_RISK_NOT_COVERED', 'INVALID_AMOUNT', 'DRAWDOWN_EXISTS', 'EFFECTIVE_DATE_TOO_EARLY',
      'LARGE_EXPOSURE_CAP_EXCEEDED',
    ],
  })
  drawdown(@Param() params: LimitIdParams, @Body() body: BookDrawdownDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    const { drawdownId, amount, product, margin } = body;
    return this.commands.submit(
      withoutUndefined({ type: 'BookDrawdown', drawdownId, limitId: params.limitId, amount, product, margin }),
      body.effectiveDate,
      envelope,
      res,
    );
  }

  @Post('drawdowns/:drawdownId/repayments')
  @Roles('officer')
  @ApiOperation({ summary: 'Book a repayment (always accepted up to what is outstanding)' })
  @ApiCommand({ problems: [404, 422], codes: ['DRAWDOWN_NOT_FOUND', 'REPAYMENT_EXCEEDS_OUTSTANDING', 'INVALID_AMOUNT', 'EFFECTIVE_DATE_TOO_EARLY'] })
  repayment(@Param() params: DrawdownIdParams, @Body() body: BookRepaymentDto, @Envelope() envelope: CommandEnvelope, @Res({ passthrough: true }) res: HttpResponse) {
    return this.commands.submit({ type: 'BookRepayment', drawdownId: params.drawdownId, amount: body.amount }, body.effectiveDate, envelope, res);
  }
}
