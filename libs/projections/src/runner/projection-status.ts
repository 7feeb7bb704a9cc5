import type { Position } from '@ledger/event-store';

export type ProjectionRunStatus = 'running' | 'failed' | 'stopped';

/** Why a projection stopped. `eventId` and `position` are absent when no handler failed (say, a version change). */
export interface ProjectionError {
  readonly message: string;
  readonly eventId?: string;
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
