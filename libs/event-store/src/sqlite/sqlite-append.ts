import { ConcurrencyError, IdempotencyKeyReusedError } from '../errors.js';
import { eventHash } from '../hashing/event-hash.js';
import type { AppendOptions, AppendResult, ExpectedRevision, NewEvent, StreamWrite } from '../port.js';
import { messageOf, sqliteCode } from './sqlite-errors.js';
import { toPosition } from './sqlite-positions.js';
import type { CommandRow, Statements } from './sqlite-statements.js';

/** What one append needs besides its writes: the store's clock and id generator. */
export interface AppendContext {
  readonly statements: Statements;
  readonly recordedAt: string;
  readonly newEventId: () => string;
}

/**
 * Applies one append inside the caller's savepoint. A seen command id short-circuits first, so a
 * retried command is answered with its first result instead of failing its now-stale revision check.
 */
export function applyAppend(
  ctx: AppendContext,
  writes: readonly StreamWrite[],
  options: AppendOptions,
): AppendResult {
  const { commandId, fingerprint } = options;
  if (commandId !== undefined) {
    const previous = replayOf(ctx.statements.findCommand.get(commandId), commandId, fingerprint);
    if (previous !== undefined) return previous;
  }
  const result = insertAll(ctx, writes);
  if (commandId !== undefined) {
    ctx.statements.insertCommand.run(commandId, fingerprint ?? null, JSON.stringify(result), ctx.recordedAt);
  }
  return result;
}

/**
 * The stored first result of a command, marked replayed. A caller's fingerprint, when given, must
 * equal the stored one: the same command id for a different command is refused, never replayed.
 */
export function replayOf(
  row: CommandRow | undefined,
  commandId: string,
  fingerprint: string | undefined,
): AppendResult | undefined {
  if (row === undefined) return undefined;
  if (fingerprint !== undefined && row.fingerprint !== fingerprint)
    throw new IdempotencyKeyReusedError(commandId);
  return { ...(JSON.parse(row.result) as AppendResult), replayed: true };
}

/** The stream's head before the append: its revision (-1 when new) and the hash its next event chains to. */
interface StreamHead {
  readonly revision: number;
  readonly hash: string | null;
}

function checkRevision(ctx: AppendContext, { stream, expectedRevision }: StreamWrite): StreamHead {
  const row = ctx.statements.streamRevision.get(stream);
  const actual = row?.revision ?? -1;
  if (!holds(expectedRevision, actual)) throw new ConcurrencyError(stream, expectedRevision, actual);
  return { revision: actual, hash: row?.hash ?? null };
}

function holds(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === -1;
  return expected === actual;
}

/**
 * Checks and writes each stream write in turn, so a stream named again sees the revision its earlier
 * write left. A refused check throws inside the caller's savepoint: nothing of the append stays.
 */
function insertAll(ctx: AppendContext, writes: readonly StreamWrite[]): AppendResult {
  // Inside the write lock: nobody else can take max + 1, and rolled-back savepoints leave no hole.
  let position = ctx.statements.head.get()?.head ?? 0;
  const eventIds: string[] = [];
  const streams = writes.map((write) => {
    const { stream, events } = write;
    let { revision, hash } = checkRevision(ctx, write);
    for (const event of events) {
      position += 1;
      revision += 1;
      const inserted = insertEvent(ctx, { stream, revision, position, previousHash: hash }, event);
      eventIds.push(inserted.eventId);
      hash = inserted.hash;
    }
    if (hash !== null) ctx.statements.upsertStream.run(stream, revision, hash);
    return { stream, revision };
  });
  return { streams, position: toPosition(position), eventIds, replayed: false };
}

/** Where an event goes: its stream, revision and position, and the hash it chains to. */
interface Slot {
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
  readonly previousHash: string | null;
}

function insertEvent(ctx: AppendContext, slot: Slot, event: NewEvent): { eventId: string; hash: string } {
  const eventId = event.eventId ?? ctx.newEventId();
  const hash = eventHash(
    { ...event, stream: slot.stream, streamRevision: slot.revision, eventId },
    slot.previousHash,
  );
  try {
    insertRow(ctx, slot, event, eventId, hash);
  } catch (error) {
    if (!isDuplicateEventId(error)) throw error;
    throw new Error(`Event id ${eventId} is already stored`, { cause: error });
  }
  return { eventId, hash };
}

function isDuplicateEventId(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE' && messageOf(error).includes('events.event_id');
}

function insertRow(ctx: AppendContext, slot: Slot, event: NewEvent, eventId: string, hash: string): void {
  ctx.statements.insertEvent.run({
    position: slot.position,
    event_id: eventId,
    stream: slot.stream,
    revision: slot.revision,
    type: event.type,
    data: JSON.stringify(event.data ?? null),
    metadata: JSON.stringify(event.metadata),
    schema_version: event.schemaVersion,
    occurred_at: event.occurredAt,
    recorded_at: ctx.recordedAt,
    hash,
  });
}
