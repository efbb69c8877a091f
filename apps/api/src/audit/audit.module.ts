import { BeforeApplicationShutdown, Inject, Injectable, Module, MiddlewareConsumer, NestModule, RequestMethod } from '@nestjs/common';
import { AuditRecorder } from '@groupcap/audit';
import { EVENT_STORE, EventStore } from '@groupcap/event-store';
import { AUDIT_RECORDER, AccessRecordMiddleware } from './access-record.middleware';
import { AuditController } from './audit.controller';

/** Flushes the last records before the runtime closes the store. */
@Injectable()
class AuditRecorderShutdown implements BeforeApplicationShutdown {
  constructor(@Inject(AUDIT_RECORDER) private readonly recorder: AuditRecorder) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.recorder.flush();
  }
}

/** The access and refusal records: written for every request under /api/v1 that needs one, read at GET /api/v1/audit. */
@Module({
  controllers: [AuditController],
  providers: [
    { provide: AUDIT_RECORDER, inject: [EVENT_STORE], useFactory: (store: EventStore) => new AuditRecorder(store.auditRecords) },
    AuditRecorderShutdown,
  ],
  exports: [AUDIT_RECORDER],
})
export class AuditModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(AccessRecordMiddleware).forRoutes({ path: 'api/v1/*path', method: RequestMethod.ALL });
  }
}
