export {
  CORRELATION_ID_HEADER,
  correlationIdFrom,
  currentCorrelationId,
  isSaneCorrelationId,
  withCorrelationId,
} from './correlation/correlation-context.js';
export {
  createJsonLogger,
  runnerLogger,
  type JsonLogger,
  type JsonLoggerOptions,
} from './logging/json-logger.js';
export { NestJsonLogger } from './logging/nest-json-logger.js';
export {
  correlationIdOf,
  HttpRequestTracker,
  type HttpRequestTrackerOptions,
  type Middleware,
} from './http/http-request-tracker.js';
export { METRIC_NAMES } from './metrics/metric-names.js';
export { createMetricsRegistry } from './metrics/metrics-registry.js';
export {
  registerCommandMetrics,
  type CommandMetrics,
  type CommandMetricsOptions,
} from './metrics/command-metrics.js';
export {
  DEFAULT_MAX_LAG_EVENTS,
  registerProjectionMetrics,
  type ProjectionMetricsOptions,
} from './metrics/projection-metrics.js';
export { eventStoreReachable, readStoreReachable, type StoreCheckOptions } from './health/store-health.js';
export type { Registry as MetricsRegistry } from 'prom-client';
