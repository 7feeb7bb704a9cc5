import type { Position } from '@ledger/event-store';
import type { SqliteExclusiveWriter, SyncTransaction } from '@ledger/read-store';
import type { Checkpoint } from '../runner/checkpoint.js';
import { fromRow, type RunnerTables, toRow } from '../runner/checkpoint-table.js';
import type { RebuildLock } from './rebuild-lock.js';

export interface SwitchRequest<T> {
  readonly writer: SqliteExclusiveWriter<unknown>;
  readonly lock: RebuildLock;
  /** Attached as `rebuild` for the length of the switch. */
  readonly shadowFile: string;
  /** Replaces the live rows with the build's (all, or the ones a replay touched). */
  readonly replace: (trx: SyncTransaction<unknown>) => T;
  /** The build's checkpoint: the live checkpoint becomes this. */
  readonly built: Checkpoint;
  readonly compare: (a: Position, b: Position) => number;
  readonly now: Date;
}

export type SwitchOutcome<T> =
  | { readonly switched: true; readonly replaced: T }
  /** A live runner got past the build meanwhile: catch up and try again. */
  | { readonly switched: false; readonly liveAt: Position };

/**
 * In ONE transaction of the live read store: replaces the projection's rows with the build's and
 * sets its checkpoint to the build's. Readers keep the old rows until the commit (WAL), then see
 * the new ones, never a mix. A runner applying this projection in a running api finds its
 * checkpoint moved at its next batch and goes on from the new one. The switch never puts the live
 * checkpoint behind where a live runner already is: that runner may have told a waiting reader
 * "your write is in", and it must stay in.
 */
export function switchOver<T>(request: SwitchRequest<T>): Promise<SwitchOutcome<T>> {
  const { writer, shadowFile } = request;
  return writer.write((trx) => switchIn(trx, request), { attach: { file: shadowFile, as: 'rebuild' } });
}

function switchIn<T>(trx: SyncTransaction<unknown>, request: SwitchRequest<T>): SwitchOutcome<T> {
  const { lock, built, compare, now } = request;
  lock.assertHeld(trx, now);
  const runner = trx.view<RunnerTables>();
  const live = liveCheckpoint(runner, built.name);
  const liveAt = live?.position;
  if (liveAt !== undefined && (built.position === undefined || compare(liveAt, built.position) > 0)) {
    return { switched: false, liveAt };
  }
  const replaced = request.replace(trx);
  // A live runner that was running goes on from here; a failed or stopped one waits to be (re)started.
  const status = live?.status === 'running' ? 'running' : 'stopped';
  const row = toRow({ ...built, status, error: undefined }, now);
  const upsert = runner.db
    .insertInto('projection_checkpoints')
    .values(row)
    .onConflict((conflict) => conflict.column('name').doUpdateSet(row));
  runner.run(upsert.compile());
  return { switched: true, replaced };
}

function liveCheckpoint(trx: SyncTransaction<RunnerTables>, name: string): Checkpoint | undefined {
  const select = trx.db.selectFrom('projection_checkpoints').selectAll().where('name', '=', name);
  const row = trx.all(select.compile())[0];
  return row === undefined ? undefined : fromRow(row);
}
