import type { Kysely } from 'kysely';
import type { Checkpoint } from './checkpoint.js';
import { fromRow, type RunnerTables, toRow } from './checkpoint-table.js';

/** Thrown when a checkpoint moved under us: another runner is projecting the same projection. */
export class CheckpointConflictError extends Error {
  constructor(name: string) {
    super(
      `The checkpoint of projection "${name}" was moved by someone else: is another runner using this read store?`,
    );
    this.name = 'CheckpointConflictError';
  }
}

export async function loadCheckpoints(db: Kysely<RunnerTables>): Promise<Checkpoint[]> {
  const rows = await db.selectFrom('projection_checkpoints').selectAll().orderBy('name').execute();
  return rows.map(fromRow);
}

export async function loadCheckpoint(
  db: Kysely<RunnerTables>,
  name: string,
): Promise<Checkpoint | undefined> {
  const row = await db
    .selectFrom('projection_checkpoints')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

/** Writes the first row of a projection, unless one exists. */
export async function insertCheckpoint(
  db: Kysely<RunnerTables>,
  checkpoint: Checkpoint,
  now: Date,
): Promise<void> {
  await db
    .insertInto('projection_checkpoints')
    .values(toRow(checkpoint, now))
    .onConflict((conflict) => conflict.column('name').doNothing())
    .execute();
}

/**
 * Replaces the checkpoint `previous` with `next`, provided the stored position still is
 * `previous.position`: one runner per projection is what makes "applied exactly once" hold.
 * Pass the batch's transaction so the checkpoint commits with the rows.
 */
export async function moveCheckpoint(
  db: Kysely<RunnerTables>,
  previous: Checkpoint,
  next: Checkpoint,
  now: Date,
): Promise<void> {
  const { name: _name, ...changes } = toRow(next, now);
  const result = await db
    .updateTable('projection_checkpoints')
    .set(changes)
    .where('name', '=', previous.name)
    .where('position', previous.position === undefined ? 'is' : '=', previous.position ?? null)
    .executeTakeFirst();
  if (result.numUpdatedRows !== 1n) throw new CheckpointConflictError(previous.name);
}
