import type { Actor, EventSource, IfMatch } from '@ledger/event-store';

/** Who sends a command, and how: filled by the edge (HTTP, CLI, import), never from a request body. */
export interface CommandContext {
  /** The Idempotency-Key, or a fresh id. Retrying with the same id returns the first result. */
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
  readonly source: EventSource;
  /** The server clock when the command arrived (ISO 8601). */
  readonly now: string;
  /**
   * The revision the client last saw of the target stream (If-Match); a stale one fails with 412.
   * `exists` is `If-Match: *`: any current revision, but 412 when the stream does not exist.
   */
  readonly expectedRevision?: IfMatch;
}

/** What every command answers: where it wrote, so a client can read its own writes. */
export interface CommandOutcome {
  readonly commandId: string;
  /** The stream the command was addressed to. */
  readonly stream: string;
  /** That stream's revision after the command (its ETag). */
  readonly revision: number;
  /** The global position of the last event written. */
  readonly position: string;
  readonly eventIds: readonly string[];
  /** True when this command id had been handled before and nothing new was written. */
  readonly replayed: boolean;
}

/**
 * The command id of an Idempotency-Key: scoped to the principal who sent it, as payment APIs scope
 * theirs, so one principal can never be answered another's result by sending the other's key, and
 * two principals who happen to pick one key send two commands (ADR 0021). Principal ids are UUIDs
 * (no `:`), so the id reads back unambiguously as who and which key.
 */
export function scopedCommandId(principalId: string, key: string): string {
  return `${principalId}:${key}`;
}

/** The Idempotency-Key a scoped command id was made from; a bare id (the ledger's own) as it is. */
export function idempotencyKeyOf(commandId: string): string {
  return commandId.slice(commandId.indexOf(':') + 1);
}
