import { type Decider, type DecisionContext, type DomainEvent, fold } from '@ledger/ledger-domain';
import { ConcurrencyError, StreamMissingError } from './errors.js';
import type { AppendResult, EventMetadata, EventStore, NewEvent, StreamWrite } from './port.js';
import { SnapshottingEventStore } from './snapshots/snapshotting-event-store.js';

/** The state of one stream folded with its decider, and the revision it was read at (-1: no stream). */
export interface AggregateState<State> {
  readonly state: State;
  readonly revision: number;
}

/**
 * Reads a stream and folds it. Events are read through `upcast` so a decider only ever sees the
 * current schema of each event type. A SnapshottingEventStore reads and folds only what is new.
 */
export async function aggregateStream<State, Command, Event>(
  store: EventStore,
  stream: string,
  decider: Decider<State, Command, Event>,
): Promise<AggregateState<State>> {
  if (store instanceof SnapshottingEventStore) return store.aggregate(stream, decider);
  const { revision, events } = await store.readStream(stream);
  const domainEvents = events.map((e) => ({ type: e.type, data: e.data }) as Event);
  return { state: fold(decider, domainEvents), revision };
}

/** What a client's If-Match asks of a stream: that exact revision, or that it exists at all. */
export type IfMatch = number | 'exists';

/** One stream a command writes to: its decider and the command to decide against its state. */
export interface CommandStep<State = unknown, Command = unknown, Event extends DomainEvent = DomainEvent> {
  readonly stream: string;
  readonly decider: Decider<State, Command, Event>;
  /** The command for this stream, built from its current state. */
  readonly command: (state: State) => Command;
  /**
   * If-Match. A revision pins the stream: a concurrent change is the caller's conflict, never
   * retried. `exists` (`If-Match: *`) matches any current revision but never a stream that does not
   * exist (RFC 9110 §13.1.1); it pins nothing, so a conflict is read and decided again.
   */
  readonly expectedRevision?: IfMatch;
  /** The stream as the plan already read it (to decide another stream with it); read here otherwise. */
  readonly loaded?: AggregateState<State>;
}

/**
 * What a command writes, built afresh on every attempt: a plan may read other streams first
 * (an award reads its programme and innovator) and pass their states into the commands.
 */
export type CommandPlan = () => Promise<readonly CommandStep[]> | readonly CommandStep[];

export interface HandleCommandOptions {
  readonly context: DecisionContext;
  readonly metadata: EventMetadata;
  /** When it happened in the world, per event (ISO 8601). */
  readonly occurredAt: (event: DomainEvent) => string;
  readonly schemaVersion: (type: string) => number;
  readonly commandId: string;
  readonly fingerprint: string;
  /** Retries after a concurrency conflict on a revision this handler read itself. */
  readonly maxRetries?: number;
}

/**
 * The one command path: load each stream, fold, decide, then append every stream's new events in
 * one atomic append with the revisions that were read. A conflict on an unpinned revision means
 * another command got there first: everything is read and decided again, so racing commands are
 * decided one after another (this is how two racing awards cannot overspend a budget).
 *
 * @example
 * await handleCommand(store, () => [{ stream: 'grant-g1', decider: grantDecider, command: () => cmd }], options);
 */
export async function handleCommand(
  store: EventStore,
  plan: CommandPlan,
  options: HandleCommandOptions,
): Promise<AppendResult> {
  const previous = await store.findCommandResult(options.commandId, options.fingerprint);
  if (previous) return previous;
  const maxRetries = options.maxRetries ?? 100;
  for (let attempt = 0; ; attempt += 1) {
    const steps = await plan();
    const writes = await decideAll(store, steps, options);
    if (writes.length === 0)
      throw new Error(`Command ${options.commandId} decided no events: every command records a fact`);
    try {
      return await store.appendMultiple(writes, {
        commandId: options.commandId,
        fingerprint: options.fingerprint,
      });
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= maxRetries || isPinned(steps, error.stream))
        throw error;
    }
  }
}

function isPinned(steps: readonly CommandStep[], stream: string): boolean {
  return steps.some((s) => s.stream === stream && typeof s.expectedRevision === 'number');
}

async function decideAll(
  store: EventStore,
  steps: readonly CommandStep[],
  options: HandleCommandOptions,
): Promise<StreamWrite[]> {
  const writes: StreamWrite[] = [];
  for (const step of steps) {
    const { state, revision } = step.loaded ?? (await aggregateStream(store, step.stream, step.decider));
    if (step.expectedRevision === 'exists' && revision === -1) throw new StreamMissingError(step.stream);
    if (typeof step.expectedRevision === 'number' && step.expectedRevision !== revision) {
      throw new ConcurrencyError(step.stream, step.expectedRevision, revision);
    }
    const events = step.decider.decide(step.command(state), state, options.context);
    if (events.length === 0) continue;
    writes.push({
      stream: step.stream,
      expectedRevision: revision === -1 ? 'no-stream' : revision,
      events: events.map((event) => toNewEvent(event, options)),
    });
  }
  return writes;
}

function toNewEvent(event: DomainEvent, options: HandleCommandOptions): NewEvent {
  return {
    type: event.type,
    data: event.data,
    schemaVersion: options.schemaVersion(event.type),
    occurredAt: options.occurredAt(event),
    metadata: options.metadata,
  };
}

/** Erases a step's state and command types so steps over different aggregates fit in one plan. */
export function commandStep<State, Command, Event extends DomainEvent>(
  step: CommandStep<State, Command, Event>,
): CommandStep {
  return step as unknown as CommandStep;
}
