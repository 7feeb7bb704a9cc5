import type { ExpectedRevision as EsdbExpectedRevision, EventData } from '@eventstore/db-client';
import { ConcurrencyError } from '../errors.js';
import type { EsdbClient } from './esdb-client.js';
import { toEventData } from './esdb-envelope.js';
import { IncompleteAppendError, isWrongExpectedVersion, toConcurrencyError } from './esdb-errors.js';
import { chainEvents } from './esdb-hash-chain.js';
import type { EsdbReader } from './esdb-reader.js';
import { toEsdbExpectedRevision, toRevision } from './esdb-revisions.js';
import type { PlannedEvent, PlannedWrite, WriteOutcome } from './esdb-write-plan.js';

/** How often an `any` write is sent before a stream that keeps moving refuses it. */
const MAX_ANY_ATTEMPTS = 10;

/** One sending of a write: the revision it is pinned to and its events, hashed to chain from it. */
interface Attempt {
  readonly revision: number;
  readonly events: readonly PlannedEvent[];
}

/** How a set of writes went: all written (outcomes in the caller's order), or refused before any was. */
export type ExecutionResult =
  | { readonly kind: 'written'; readonly outcomes: readonly WriteOutcome[] }
  | { readonly kind: 'refused'; readonly error: ConcurrencyError };

export interface ExecutionOptions {
  /** The command the writes belong to, for error messages. */
  readonly commandId?: string;
  /**
   * The writes may already be stored (their ids are derived from a command id, or a plan is being
   * completed): a refused revision is first checked against the stream for the write's own events.
   */
  readonly mayBeStored: boolean;
  /** Completing a plan: an `any` write looks for its events before appending them again. */
  readonly completing: boolean;
}

/** The adapter's appends: one stream at a time, each checked by the server against its expected revision. */
export class EsdbWriter {
  constructor(
    private readonly client: EsdbClient,
    private readonly reader: EsdbReader,
  ) {}

  /**
   * Writes in `order`. A refusal of the first write means nothing was written; a refusal of a later
   * one cannot be undone and is an IncompleteAppendError.
   */
  async execute(
    writes: readonly PlannedWrite[],
    order: readonly number[],
    options: ExecutionOptions,
  ): Promise<ExecutionResult> {
    assertHashed(writes, options.commandId);
    const outcomes = new Map<number, WriteOutcome>();
    for (const index of order) {
      const write = writes[index];
      if (write === undefined) throw new Error(`No write at index ${index}`);
      const outcome = await this.write(write, options);
      if (outcome instanceof ConcurrencyError) {
        if (outcomes.size === 0) return { kind: 'refused', error: outcome };
        const written = [...outcomes.values()].map((done) => done.stream);
        throw new IncompleteAppendError(options.commandId, written, outcome);
      }
      outcomes.set(index, outcome);
    }
    return { kind: 'written', outcomes: writes.map((_, index) => definite(outcomes.get(index))) };
  }

  /** Appends events to a stream; resolves false when the expected revision does not hold. */
  async appendRaw(stream: string, events: EventData[], expected: EsdbExpectedRevision): Promise<boolean> {
    try {
      await this.client.appendToStream(stream, events, { expectedRevision: expected });
      return true;
    } catch (error) {
      if (isWrongExpectedVersion(error)) return false;
      throw error;
    }
  }

  /**
   * Appends one write, pinned to the revision its hashes chain from. An `any` write refused because
   * its stream moved since it was observed is observed again, re-chained and sent again (up to
   * MAX_ANY_ATTEMPTS times), so two racing writes never chain from the same event; any other refusal
   * is the caller's ConcurrencyError.
   */
  private async write(
    write: PlannedWrite,
    options: ExecutionOptions,
  ): Promise<WriteOutcome | ConcurrencyError> {
    if (options.completing && write.expectedRevision === 'any') {
      // Only looking tells whether an interrupted attempt already wrote it, perhaps after a re-chain.
      const stored = await this.stored(write);
      if (stored !== undefined) return stored;
    }
    let attempt: Attempt = { revision: write.observedRevision, events: write.events };
    for (let sent = 1; ; sent += 1) {
      const events = attempt.events.map((event) => toEventData(event, event.eventId, event.hash));
      try {
        const result = await this.client.appendToStream(write.stream, events, {
          expectedRevision: toEsdbExpectedRevision(attempt.revision),
        });
        return await this.locate(write, toRevision(result.nextExpectedRevision));
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error;
        const stored = options.mayBeStored ? await this.stored(write) : undefined;
        if (stored !== undefined) return stored;
        if (write.expectedRevision !== 'any' || sent === MAX_ANY_ATTEMPTS) {
          return toConcurrencyError(error, write.expectedRevision);
        }
        const head = await this.reader.streamHead(write.stream);
        attempt = { revision: head.revision, events: chainEvents(write.stream, head, write.events) };
      }
    }
  }

  /**
   * The revision and position of the write's last event. The server's answer gives the revision of
   * a fresh write; an append recognised as a duplicate may answer otherwise, so then the stream is
   * searched. Positions are always read back: that of an append's answer is not an event's position.
   */
  private async locate(write: PlannedWrite, revision: number): Promise<WriteOutcome> {
    const lastId = lastEventId(write);
    const located = (await this.reader.at(write.stream, revision, lastId)) ?? (await this.stored(write));
    if (located === undefined) {
      throw new Error(`The append to ${write.stream} was acknowledged but its event ${lastId} is not there`);
    }
    return located;
  }

  /** Where the write's events are, if they are stored: appends are atomic per stream, so the last one tells. */
  private stored(write: PlannedWrite): Promise<WriteOutcome | undefined> {
    return this.reader.find(write.stream, lastEventId(write), write.observedRevision + 1);
  }
}

/**
 * A plan recorded by a version of the adapter that did not hash events has none to write; writing its
 * events without would put unchained events in a ledger stream, so it is refused before any write.
 */
function assertHashed(writes: readonly PlannedWrite[], commandId: string | undefined): void {
  const unhashed = writes.find((write) => write.events.some((event) => typeof event.hash !== 'string'));
  if (unhashed === undefined) return;
  throw new Error(
    `The write to ${unhashed.stream}${commandId === undefined ? '' : ` of command ${commandId}`} has ` +
      'events without hashes: it was planned by an earlier version of the ledger and cannot be completed',
  );
}

function lastEventId(write: PlannedWrite): string {
  const last = write.events.at(-1);
  if (last === undefined) throw new Error(`The write to ${write.stream} has no events`);
  return last.eventId;
}

function definite(outcome: WriteOutcome | undefined): WriteOutcome {
  if (outcome === undefined) throw new Error('A write of the append has no outcome');
  return outcome;
}
