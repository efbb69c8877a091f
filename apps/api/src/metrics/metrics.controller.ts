import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../auth/public.decorator';
import type { HttpResponse } from '../http/http-types';
import { API_RUNTIME, ApiRuntime } from '../runtime/api-runtime';
import { metricsRegistry } from './metrics.registry';

/** Prometheus text format; no customer data, so no token (keep the port off the public network). */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  private readonly registry: Registry;

  constructor(@Inject(API_RUNTIME) runtime: ApiRuntime) {
    this.registry = metricsRegistry(runtime);
  }

  @Get()
  @Public()
  async metrics(@Res({ passthrough: true }) res: HttpResponse): Promise<string> {
    res.setHeader('Content-Type', this.registry.contentType);
    return this.registry.metrics();
  }
}
