import type { Position } from '@ledger/event-store';

export type ProjectionRunStatus = 'running' | 'failed' | 'stopped';

/**
 * Why a projection stopped. `eventId`, `eventType` and `position` are absent when no handler failed
 * (say, a version change); `eventType` also for a failure recorded before it was kept.
 */
export interface ProjectionError {
  readonly message: string;
  readonly eventId?: string;
  readonly eventType?: string;
  readonly position?: Position;
}

/** What `ProjectionRunner.status()` tells about one projection. */
export interface ProjectionStatus {
  readonly name: string;
  readonly version: number;
  readonly status: ProjectionRunStatus;
  /** The last event taken into account; undefined before the first. */
  readonly position: Position | undefined;
  readonly eventsApplied: number;
  /** Present when `status` is 'failed': the message, and the event the handler failed on. */
  readonly error?: ProjectionError;
  /** The head of the log when the status was taken; undefined while the log is empty. */
  readonly headPosition: Position | undefined;
  /** The checkpoint is at the head: every event stored when the status was taken is applied. */
  readonly upToDate: boolean;
}

/** A projection stopped by a failure: what a query depending on it must answer instead of its rows. */
export interface ProjectionFailure {
  readonly name: string;
  /** The last event it applied (the failing one is the next of its types); undefined before the first. */
  readonly position: Position | undefined;
  readonly error: ProjectionError;
}
