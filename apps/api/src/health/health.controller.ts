import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/public.decorator';
import type { HttpResponse } from '../http/http-types';
import { API_RUNTIME, ApiRuntime } from '../runtime/api-runtime';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  @Get()
  @Public()
  @ApiOperation({ summary: '200 once the writer has started and the read side has caught up; 503 "starting" before' })
  async health(@Res({ passthrough: true }) res: HttpResponse) {
    if (!this.runtime.isReady()) {
      res.status(503);
      return { status: 'starting', role: this.runtime.role };
    }
    // A writer keeps no read models: it reports the head of the log it writes to.
    const position = this.runtime.readModels ? this.runtime.readModels.position() : await this.runtime.store.headPosition();
    return { status: 'ok', role: this.runtime.role, position: position === null ? null : position.toString() };
  }
}
