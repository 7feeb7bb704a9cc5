import { DEFAULT_BATCH_SIZE, type ProjectionRunnerOptions, type RunnerLogger } from './runner-options.js';

export interface ResolvedRunnerOptions {
  readonly batchSize: number;
  readonly clock: () => Date;
  readonly logger: RunnerLogger;
}

/** Fills in defaults and fails at construction on a batch size the subscription would refuse later. */
export function resolveRunnerOptions(options: ProjectionRunnerOptions): ResolvedRunnerOptions {
  const { batchSize = DEFAULT_BATCH_SIZE, clock = () => new Date(), logger = console } = options;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new Error(`ProjectionRunner batchSize must be a positive integer, got ${batchSize}`);
  }
  return { batchSize, clock, logger };
}
