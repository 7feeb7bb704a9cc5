import { ConcurrencyError, IdempotencyKeyReusedError } from '../errors.js';
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
  const revisions = writes.map((write) => checkRevision(ctx, write));
  const result = insertAll(ctx, writes, revisions);
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

function checkRevision(ctx: AppendContext, { stream, expectedRevision }: StreamWrite): number {
  const actual = ctx.statements.streamRevision.get(stream)?.revision ?? -1;
  if (!holds(expectedRevision, actual)) throw new ConcurrencyError(stream, expectedRevision, actual);
  return actual;
}

function holds(expected: ExpectedRevision, actual: number): boolean {
  if (expected === 'any') return true;
  if (expected === 'no-stream') return actual === -1;
  return expected === actual;
}

function insertAll(
  ctx: AppendContext,
  writes: readonly StreamWrite[],
  revisions: readonly number[],
): AppendResult {
  // Inside the write lock: nobody else can take max + 1, and rolled-back savepoints leave no hole.
  let position = ctx.statements.head.get()?.head ?? 0;
  const eventIds: string[] = [];
  const streams = writes.map(({ stream, events }, index) => {
    let revision = revisions[index] ?? -1;
    for (const event of events) {
      position += 1;
      revision += 1;
      eventIds.push(insertEvent(ctx, stream, revision, position, event));
    }
    ctx.statements.upsertStream.run(stream, revision);
    return { stream, revision };
  });
  return { streams, position: toPosition(position), eventIds, replayed: false };
}

function insertEvent(
  ctx: AppendContext,
  stream: string,
  revision: number,
  position: number,
  event: NewEvent,
): string {
  const eventId = event.eventId ?? ctx.newEventId();
  try {
    insertRow(ctx, stream, revision, position, event, eventId);
  } catch (error) {
    if (!isDuplicateEventId(error)) throw error;
    throw new Error(`Event id ${eventId} is already stored`, { cause: error });
  }
  return eventId;
}

function isDuplicateEventId(error: unknown): boolean {
  return sqliteCode(error) === 'SQLITE_CONSTRAINT_UNIQUE' && messageOf(error).includes('events.event_id');
}

function insertRow(
  ctx: AppendContext,
  stream: string,
  revision: number,
  position: number,
  event: NewEvent,
  eventId: string,
): void {
  ctx.statements.insertEvent.run({
    position,
    event_id: eventId,
    stream,
    revision,
    type: event.type,
    data: JSON.stringify(event.data ?? null),
    metadata: JSON.stringify(event.metadata),
    schema_version: event.schemaVersion,
    occurred_at: event.occurredAt,
    recorded_at: ctx.recordedAt,
  });
}
