import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import {
  createMetricsRegistry,
  HttpRequestTracker,
  type JsonLogger,
  type MetricsRegistry,
  registerCommandMetrics,
} from '@ledger/observability';
import { commandErrorCode } from '../http/command-error-code.js';
import { HttpDrain } from './http-drain.js';
import { COMMAND_METRICS, JSON_LOGGER, METRICS_REGISTRY } from './observability.tokens.js';
import { ProjectionMetricsRegistration } from './projection-metrics.registration.js';

/** Probes and scrapes come every few seconds: their request lines are written at debug. */
const QUIET_PATHS = ['/health', '/health/live', '/health/ready', '/metrics'];

const OBSERVABILITY_PROVIDERS = [
  {
    provide: HttpRequestTracker,
    inject: [JSON_LOGGER],
    useFactory: (logger: JsonLogger) => new HttpRequestTracker(logger, { quietPaths: QUIET_PATHS }),
  },
  { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry() },
  {
    provide: COMMAND_METRICS,
    inject: [METRICS_REGISTRY],
    useFactory: (registry: MetricsRegistry) =>
      registerCommandMetrics(registry, { errorCode: commandErrorCode }),
  },
  ProjectionMetricsRegistration,
  HttpDrain,
];

/** Logs, metrics, health checks and the draining of requests on shutdown. */
@Module({})
export class ObservabilityModule {
  static forRoot(logger: JsonLogger): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
      providers: [{ provide: JSON_LOGGER, useValue: logger }, ...OBSERVABILITY_PROVIDERS],
      exports: [JSON_LOGGER, HttpRequestTracker, METRICS_REGISTRY, COMMAND_METRICS, TerminusModule],
    };
  }
}
