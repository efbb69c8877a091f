import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { API_RUNTIME, ApiRuntime } from './api-runtime';

/** On SIGTERM/SIGINT (enableShutdownHooks) or app.close(): stop the writer and projection, then close the store. */
@Injectable()
export class RuntimeShutdown implements OnApplicationShutdown {
  constructor(@Inject(API_RUNTIME) private readonly runtime: ApiRuntime) {}

  async onApplicationShutdown(): Promise<void> {
    await this.runtime.stop();
  }
}
