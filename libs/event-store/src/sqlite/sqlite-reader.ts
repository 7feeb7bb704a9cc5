import type Database from 'better-sqlite3';
import type { AppendResult, Position, ReadStreamResult, RecordedEvent } from '../port.js';
import { replayOf } from './sqlite-append.js';
import { toPosition } from './sqlite-positions.js';
import { type Statements, toRecordedEvent } from './sqlite-statements.js';

/**
 * The store's queries. They run synchronously on the writer's connection: between two flushes, so
 * they see every committed append of this process and never half of one.
 */
export class SqliteReader {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: Statements,
  ) {}

  /** `maxCount` below zero means every event from `fromRevision` on. */
  stream(stream: string, fromRevision: number, maxCount: number): ReadStreamResult {
    // One read transaction, so the revision and the events agree even if another process appends.
    const read = this.db.transaction(() => ({
      revision: this.statements.streamRevision.get(stream)?.revision ?? -1,
      events: this.statements.readStream.all(stream, fromRevision, maxCount).map(toRecordedEvent),
    }));
    return read();
  }

  /** Up to `limit` events with a position above `sequence`, in position order. */
  after(sequence: number, limit: number): readonly RecordedEvent[] {
    return this.statements.readAll.all(sequence, limit).map(toRecordedEvent);
  }

  head(): Position | undefined {
    const head = this.statements.head.get()?.head ?? null;
    return head === null ? undefined : toPosition(head);
  }

  command(commandId: string, fingerprint: string | undefined): AppendResult | undefined {
    return replayOf(this.statements.findCommand.get(commandId), commandId, fingerprint);
  }
}

/** A count option as given, refused below `min`: SQLite reads a negative LIMIT as "no limit". */
export function count(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw new Error(`${name} must be an integer of at least ${min}`);
  return value;
}
