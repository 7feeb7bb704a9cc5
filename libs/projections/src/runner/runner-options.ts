import type { Leases } from '@ledger/read-store';

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
  /**
   * Several processes sharing one read store: each projection runs only where its lease is held,
   * and another process takes it over when the holder dies. Without leases, this runner runs every
   * projection (one process per read store, as in embedded mode).
   */
  readonly leases?: Leases;
  /** How often a standby process tries for the leases it does not hold: 1 s by default. */
  readonly leaseRetryMs?: number;
  /**
   * 'run' (default) projects; 'watch' projects nothing and follows the checkpoints other processes
   * commit to the read store, for status() and read-your-writes (an api beside projector workers).
   */
  readonly mode?: 'run' | 'watch';
  /** How often checkpoints other processes commit are read while someone waits on them: 100 ms by default. */
  readonly watchIntervalMs?: number;
}

export const DEFAULT_BATCH_SIZE = 500;
export const DEFAULT_LEASE_RETRY_MS = 1_000;
export const DEFAULT_WATCH_INTERVAL_MS = 100;
