import { DynamicModule, Global, Module } from '@nestjs/common';
import { EVENT_STORE } from '@groupcap/event-store';
import { READ_MODELS } from '@groupcap/projections';
import { API_RUNTIME, ApiRuntime } from './api-runtime';
import { COMMAND_WRITER } from './command-writer.port';
import { RuntimeShutdown } from './runtime-shutdown.service';
import { unavailableReadModels } from './unavailable-read-models';
import { unavailableWriter } from './unavailable-writer';

/** Makes the runtime's parts injectable; an absent part is replaced by one that answers 503. */
@Global()
@Module({})
export class RuntimeModule {
  static register(runtime: ApiRuntime): DynamicModule {
    return {
      module: RuntimeModule,
      providers: [
        { provide: API_RUNTIME, useValue: runtime },
        { provide: EVENT_STORE, useValue: runtime.store },
        { provide: COMMAND_WRITER, useValue: runtime.writer ?? unavailableWriter },
        { provide: READ_MODELS, useValue: runtime.readModels ?? unavailableReadModels },
        RuntimeShutdown,
      ],
      exports: [API_RUNTIME, EVENT_STORE, COMMAND_WRITER, READ_MODELS],
    };
  }
}
