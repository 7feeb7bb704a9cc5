import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { CONFIG, type LedgerConfig } from '@ledger/config';
import { COMMAND_HANDLERS, PERSONAL_DATA_HANDLERS, QUERY_HANDLERS } from '@ledger/ledger-application';
import type { JsonLogger } from '@ledger/observability';
import { AdminProjectionsController } from './admin/admin-projections.http.controller.js';
import { AuditModule } from './audit/audit.module.js';
import { BearerAuthGuard } from './auth/bearer-auth.guard.js';
import { FailedLoginLimiter } from './auth/failed-login-limiter.js';
import { CsrfTokens } from './auth/csrf-tokens.js';
import { SessionStore } from './auth/session-store.js';
import { SignInController } from './browser/sign-in.http.controller.js';
import { GrantsController } from './commands/grants/grants.http.controller.js';
import { InnovatorsController } from './commands/innovators/innovators.http.controller.js';
import { IntroductionsController } from './commands/introductions/introductions.http.controller.js';
import { PartnersController } from './commands/partners/partners.http.controller.js';
import { PartnershipsController } from './commands/partnerships/partnerships.http.controller.js';
import { PeopleController } from './commands/people/people.http.controller.js';
import { ProgrammesController } from './commands/programmes/programmes.http.controller.js';
import { ProjectsController } from './commands/projects/projects.http.controller.js';
import { MeteredCommandBus } from './http/metered-command-bus.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { HealthController } from './queries/health.http.controller.js';
import { StreamsController } from './queries/streams.http.controller.js';
import { ObservabilityModule } from './infrastructure/observability.module.js';
import { StoresModule } from './infrastructure/stores.module.js';
import { IndexController } from './browser/index.http.controller.js';
import { AuditController } from './queries/audit.http.controller.js';
import { FunnelController } from './queries/funnel.http.controller.js';
import { MetricsController } from './queries/metrics.http.controller.js';
import { GrantRegisterController } from './queries/grants.http.controller.js';
import { InnovatorSummaryController } from './queries/innovators.http.controller.js';
import { ProjectionsController } from './queries/projections.http.controller.js';
import { ReportsController } from './queries/reports.http.controller.js';
import { Giving360ExportController } from './queries/giving360-export.http.controller.js';
import { ReadModelsModule } from './read-models/read-models.module.js';

const CONTROLLERS = [
  ProgrammesController,
  InnovatorsController,
  PartnersController,
  GrantsController,
  IntroductionsController,
  PartnershipsController,
  ProjectsController,
  PeopleController,
  StreamsController,
  HealthController,
  MetricsController,
  SignInController,
  GrantRegisterController,
  InnovatorSummaryController,
  FunnelController,
  AuditController,
  ReportsController,
  Giving360ExportController,
  ProjectionsController,
  AdminProjectionsController,
  IndexController,
];

/** The HTTP API: one endpoint per command, stream reads, every route behind a bearer token. */
@Module({})
export class AppModule {
  /** `logger` is made before the app, so that Nest's own start-up lines reach it (see createApp). */
  static forRoot(config: LedgerConfig, logger: JsonLogger): DynamicModule {
    return {
      module: AppModule,
      imports: [
        {
          module: ConfigHolder,
          global: true,
          providers: [{ provide: CONFIG, useValue: config }],
          exports: [CONFIG],
        },
        CqrsModule.forRoot(),
        ObservabilityModule.forRoot(logger),
        StoresModule,
        ReadModelsModule,
        AuditModule,
      ],
      controllers: CONTROLLERS,
      providers: [
        ...COMMAND_HANDLERS,
        ...PERSONAL_DATA_HANDLERS,
        ...QUERY_HANDLERS,
        MeteredCommandBus,
        SessionStore,
        CsrfTokens,
        FailedLoginLimiter,
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
      ],
    };
  }
}

@Module({})
class ConfigHolder {}
