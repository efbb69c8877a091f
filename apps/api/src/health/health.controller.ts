import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import type { HttpResponse } from '../http/http-types';
import { API_RUNTIME, ApiRuntime } from '../runtime/api-runtime';
import { HealthSchema } from './health.schema';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '200 once the writer has started and the read side has caught up; 503 "starting" before' })
  @ApiOkResponse({ type: HealthSchema, description: 'ok' })
  @ApiServiceUnavailableResponse({ type: HealthSchema, description: 'starting: not yet caught up with the log (plain JSON, not a problem)' })
  async health(@Res({ passthrough: true }) res: HttpResponse): Promise<HealthSchema> {
    if (!this.runtime.isReady()) {
      res.status(503);
      return { status: 'starting', role: this.runtime.role };
    }
    // A writer keeps no read models: it reports the head of the log it writes to.
    const position = this.runtime.readModels ? this.runtime.readModels.position() : await this.runtime.store.headPosition();
    return { status: 'ok', role: this.runtime.role, position: position === null ? null : position.toString() };
  }
}
