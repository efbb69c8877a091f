import { DynamicModule, Module } from '@nestjs/common';
import { APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BreachesController } from './breaches/breaches.controller';
import { CapitalController } from './capital/capital.controller';
import { CommandGateway } from './commands/command-gateway.service';
import { SubmitBookHandler } from './commands/submit-book.handler';
import type { HardeningConfig } from './config/hardening-config';
import { CustomersController } from './customers/customers.controller';
import { DrawdownsController } from './drawdowns/drawdowns.controller';
import { EventsController } from './events/events.controller';
import { GroupsController } from './groups/groups.controller';
import { GroupLimitRequestsController, GroupLimitsController } from './group-limits/group-limits.controller';
import { HealthController } from './health/health.controller';
import { LimitsController } from './limits/limits.controller';
import { MetricsController } from './metrics/metrics.controller';
import { PolicyController } from './policy/policy.controller';
import { ReadConsistency, READ_WAIT_MS } from './reads/read-consistency.service';
import { RelationsController } from './relations/relations.controller';
import { ReportsModule } from './reports/reports.module';
import { ApiRuntime } from './runtime/api-runtime';
import { RuntimeModule } from './runtime/runtime.module';
import { DtoValidationPipe } from './validation/dto-validation.pipe';

export interface AppOptions {
  runtime: ApiRuntime;
  jwtSecret: string;
  /** How long a ?minPosition read waits for the read side; 5 s in production. */
  readWaitMs?: number;
  /** Token policy and rate limit (the rest is applied by configureApp). Omitted: the default token policy, no rate limit. */
  hardening?: Pick<HardeningConfig, 'token' | 'rateLimit'>;
  /** The JSON logger configureApp logs requests with: Nest's own logging goes through it, with the request's correlation id. */
  logger?: Logger;
}

@Module({})
export class AppModule {
  static register(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        RuntimeModule.register(options.runtime),
        AuthModule.register(options.jwtSecret, { tokenPolicy: options.hardening?.token, rateLimit: options.hardening?.rateLimit }),
        // useExisting: configureApp's request logging (registered before any other middleware) made req.log.
        ...(options.logger ? [LoggerModule.forRoot({ pinoHttp: { logger: options.logger }, useExisting: true })] : []),
        ReportsModule.register({ readWaitMs: options.readWaitMs }),
        AuditModule,
      ],
      controllers: [
        HealthController,
        MetricsController,
        CapitalController,
        PolicyController,
        CustomersController,
        RelationsController,
        LimitsController,
        DrawdownsController,
        GroupsController,
        BreachesController,
        EventsController,
        // Group unified credit.
        GroupLimitRequestsController,
        GroupLimitsController,
      ],
      providers: [
        { provide: APP_PIPE, useClass: DtoValidationPipe },
        { provide: READ_WAIT_MS, useValue: options.readWaitMs ?? 5000 },
        ReadConsistency,
        CommandGateway,
        SubmitBookHandler,
      ],
    };
  }
}
