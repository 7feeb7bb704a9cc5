import {
  DEFAULT_BATCH_SIZE,
  DEFAULT_LEASE_RETRY_MS,
  DEFAULT_WATCH_INTERVAL_MS,
  type ProjectionRunnerOptions,
  type RunnerLogger,
} from './runner-options.js';

export interface ResolvedRunnerOptions {
  readonly batchSize: number;
  readonly clock: () => Date;
  readonly logger: RunnerLogger;
  readonly leaseRetryMs: number;
  readonly watchIntervalMs: number;
}

/** Fills in defaults and fails at construction on a batch size the subscription would refuse later. */
export function resolveRunnerOptions(options: ProjectionRunnerOptions): ResolvedRunnerOptions {
  const {
    batchSize = DEFAULT_BATCH_SIZE,
    clock = () => new Date(),
    logger = console,
    leaseRetryMs = DEFAULT_LEASE_RETRY_MS,
    watchIntervalMs = DEFAULT_WATCH_INTERVAL_MS,
  } = options;
  positive('batchSize', batchSize);
  positive('leaseRetryMs', leaseRetryMs);
  positive('watchIntervalMs', watchIntervalMs);
  return { batchSize, clock, logger, leaseRetryMs, watchIntervalMs };
}

function positive(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`ProjectionRunner ${name} must be a positive integer, got ${value}`);
  }
}
