import { DynamicModule, Module } from '@nestjs/common';
import { G14_REPORTS, LARGE_CREDIT_REPORTS, READ_MODELS, ReadModels, isG14Reports, isLargeCreditReports } from '@groupcap/projections';
import { CommandGateway } from '../commands/command-gateway.service';
import { READ_WAIT_MS, ReadConsistency } from '../reads/read-consistency.service';
import { LargeCreditController } from './large-credit.controller';
import { LargeExposureController } from './large-exposure.controller';
import { ReportAudit } from './report-audit';
import { unavailableLargeCreditReports } from './unavailable-large-credit-reports';
import { unavailableG14Reports } from './unavailable-g14-reports';

export interface ReportsModuleOptions {
  /** How long a ?minPosition read (and a filing) waits for the read side; 5 s in production. */
  readWaitMs?: number;
}

/**
 * The regulator's reports. Needs the global RuntimeModule (READ_MODELS, EVENT_STORE, COMMAND_WRITER), the
 * global CqrsModule with SubmitBookHandler registered, and the app-wide auth guards and validation pipe.
 * The reports are the read models themselves when they can make them (BookProjection); otherwise 503.
 */
@Module({})
export class ReportsModule {
  static register(options: ReportsModuleOptions = {}): DynamicModule {
    return {
      module: ReportsModule,
      controllers: [LargeCreditController, LargeExposureController],
      providers: [
        { provide: READ_WAIT_MS, useValue: options.readWaitMs ?? 5000 },
        {
          provide: LARGE_CREDIT_REPORTS,
          useFactory: (readModels: ReadModels) => (isLargeCreditReports(readModels) ? readModels : unavailableLargeCreditReports),
          inject: [READ_MODELS],
        },
        {
          provide: G14_REPORTS,
          useFactory: (readModels: ReadModels) => (isG14Reports(readModels) ? readModels : unavailableG14Reports),
          inject: [READ_MODELS],
        },
        ReadConsistency,
        CommandGateway,
        ReportAudit,
      ],
    };
  }
}
