import type { ExpectedRevision as EsdbExpectedRevision, EventData } from '@eventstore/db-client';
import { ConcurrencyError } from '../errors.js';
import type { EsdbClient } from './esdb-client.js';
import { toEventData } from './esdb-envelope.js';
import { IncompleteAppendError, isWrongExpectedVersion, toConcurrencyError } from './esdb-errors.js';
import type { EsdbReader } from './esdb-reader.js';
import { toEsdbExpectedRevision, toRevision } from './esdb-revisions.js';
import type { PlannedWrite, WriteOutcome } from './esdb-write-plan.js';

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

  private async write(
    write: PlannedWrite,
    options: ExecutionOptions,
  ): Promise<WriteOutcome | ConcurrencyError> {
    if (options.completing && write.expectedRevision === 'any') {
      // `any` is never refused, so only looking tells whether an interrupted attempt already wrote it.
      const stored = await this.stored(write);
      if (stored !== undefined) return stored;
    }
    const events = write.events.map((event) => toEventData(event, event.eventId));
    try {
      const result = await this.client.appendToStream(write.stream, events, {
        expectedRevision: toEsdbExpectedRevision(write.expectedRevision),
      });
      return await this.locate(write, toRevision(result.nextExpectedRevision));
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error;
      const stored = options.mayBeStored ? await this.stored(write) : undefined;
      return stored ?? toConcurrencyError(error, write.expectedRevision);
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

function lastEventId(write: PlannedWrite): string {
  const last = write.events.at(-1);
  if (last === undefined) throw new Error(`The write to ${write.stream} has no events`);
  return last.eventId;
}

function definite(outcome: WriteOutcome | undefined): WriteOutcome {
  if (outcome === undefined) throw new Error('A write of the append has no outcome');
  return outcome;
}
