/** Where the runner reports start, stop and failures (Nest's Logger fits). */
export interface RunnerLogger {
  error(message: string): void;
  log(message: string): void;
}

export interface ProjectionRunnerOptions {
  /** Events per delivered batch, hence per read-store transaction. 500 by default. */
  readonly batchSize?: number;
  /** Stamps `updated_at` of checkpoints; the system clock by default. */
  readonly clock?: () => Date;
  /** The console by default. */
  readonly logger?: RunnerLogger;
}

export const DEFAULT_BATCH_SIZE = 500;
