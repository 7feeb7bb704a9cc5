import type { Position } from '@ledger/event-store';
import type { ProjectionError, ProjectionRunStatus } from './projection-status.js';

/** A projection's progress as committed with its read-model rows. */
export interface Checkpoint {
  readonly name: string;
  readonly version: number;
  /** The last event taken into account (applied or not of interest); undefined before the first. */
  readonly position: Position | undefined;
  readonly status: ProjectionRunStatus;
  readonly error: ProjectionError | undefined;
  /** Events the projection's handler applied (events of other types are not counted). */
  readonly eventsApplied: number;
}

/** The state of a projection that has never run. */
export function initialCheckpoint(name: string, version: number): Checkpoint {
  return { name, version, position: undefined, status: 'stopped', error: undefined, eventsApplied: 0 };
}
