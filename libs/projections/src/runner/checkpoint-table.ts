import type { Kysely, Migration } from 'kysely';
import type { Position } from '@ledger/event-store';
import { READ_STORE_LOCK_MIGRATIONS } from '@ledger/read-store';
import type { Checkpoint } from './checkpoint.js';
import type { ProjectionRunStatus } from './projection-status.js';

export interface ProjectionCheckpointsTable {
  name: string;
  version: number;
  /** Null before the first event. */
  position: string | null;
  status: ProjectionRunStatus;
  error_message: string | null;
  error_event_id: string | null;
  error_position: string | null;
  /** Added by runner-0002: null in rows written before, and where no handler failed. */
  error_event_type: string | null;
  events_applied: number;
  /** ISO 8601, from the runner's clock. */
  updated_at: string;
}

/** The runner's own tables in the read store. */
export interface RunnerTables {
  projection_checkpoints: ProjectionCheckpointsTable;
}

/**
 * Created by the runner before any projection's migration runs. The locks table comes along so that a
 * rebuild started inside a running api finds it there and never has to migrate the store beside
 * the runner (see rebuild/).
 */
export const RUNNER_MIGRATIONS: Readonly<Record<string, Migration>> = {
  ...READ_STORE_LOCK_MIGRATIONS,
  'runner-0001-checkpoints': {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable('projection_checkpoints')
        .addColumn('name', 'varchar(200)', (col) => col.primaryKey())
        .addColumn('version', 'integer', (col) => col.notNull())
        .addColumn('position', 'text')
        .addColumn('status', 'varchar(20)', (col) => col.notNull())
        .addColumn('error_message', 'text')
        .addColumn('error_event_id', 'text')
        .addColumn('error_position', 'text')
        .addColumn('events_applied', 'integer', (col) => col.notNull().defaultTo(0))
        .addColumn('updated_at', 'text', (col) => col.notNull())
        .execute();
    },
  },
  // A failed query names the event its read model stopped at by type as well as id (ADR 0018).
  'runner-0002-error-event-type': {
    up: async (db: Kysely<unknown>) => {
      await db.schema.alterTable('projection_checkpoints').addColumn('error_event_type', 'text').execute();
    },
  },
};

export function toRow(checkpoint: Checkpoint, updatedAt: Date): ProjectionCheckpointsTable {
  const { error } = checkpoint;
  return {
    name: checkpoint.name,
    version: checkpoint.version,
    position: checkpoint.position ?? null,
    status: checkpoint.status,
    error_message: error?.message ?? null,
    error_event_id: error?.eventId ?? null,
    error_position: error?.position ?? null,
    error_event_type: error?.eventType ?? null,
    events_applied: checkpoint.eventsApplied,
    updated_at: updatedAt.toISOString(),
  };
}

export function fromRow(row: ProjectionCheckpointsTable): Checkpoint {
  const error =
    row.error_message === null
      ? undefined
      : {
          message: row.error_message,
          ...(row.error_event_id === null ? {} : { eventId: row.error_event_id }),
          // Undefined, not null, where a store was read before runner-0002 ran (a rebuild's overview).
          ...(row.error_event_type == null ? {} : { eventType: row.error_event_type }),
          ...(row.error_position === null ? {} : { position: row.error_position as Position }),
        };
  return {
    name: row.name,
    version: Number(row.version),
    position: (row.position ?? undefined) as Position | undefined,
    status: row.status,
    error,
    // PostgreSQL drivers return 64-bit counts as strings.
    eventsApplied: Number(row.events_applied),
  };
}
