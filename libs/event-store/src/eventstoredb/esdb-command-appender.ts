import { jsonEvent, type JSONType, NO_STREAM } from '@eventstore/db-client';
import type { ConcurrencyError } from '../errors.js';
import type { AppendResult, StreamWrite } from '../port.js';
import { commandStream } from './esdb-categories.js';
import {
  type CommandLog,
  type CommandLogEvent,
  type CommandPlan,
  foldCommandLog,
  nextStep,
  type StoredResult,
  toCommandLogEvent,
} from './esdb-command-log.js';
import type { StreamHead } from './esdb-hash-chain.js';
import type { EsdbReader } from './esdb-reader.js';
import { toRevision } from './esdb-revisions.js';
import { appendResult, executionOrder, planWrites } from './esdb-write-plan.js';
import type { EsdbWriter } from './esdb-writer.js';

/** Retries of the plan-or-follow loop when other calls with the same command id keep moving its stream. */
const MAX_ATTEMPTS = 10;

type Finished =
  | { readonly kind: 'done'; readonly result: StoredResult }
  | { readonly kind: 'refused'; readonly error: ConcurrencyError };

export interface CommandAppenderDeps {
  readonly reader: EsdbReader;
  readonly writer: EsdbWriter;
  /**
   * The heads (revision and hash) of the written streams, or a ConcurrencyError when an expected
   * revision does not hold.
   */
  readonly observeHeads: (writes: readonly StreamWrite[]) => Promise<StreamHead[]>;
  /** Categories written first (see `executionOrder`). */
  readonly leading: readonly string[];
}

/**
 * Appends that carry a command id (ADR 0007). The command's stream records its plan before any
 * write, then its result; every call with that id reads it first and replays, completes or plans.
 * Conditional appends to the command stream decide between concurrent calls with one command id.
 */
export class EsdbCommandAppender {
  constructor(private readonly deps: CommandAppenderDeps) {}

  async append(
    writes: readonly StreamWrite[],
    commandId: string,
    fingerprint?: string,
  ): Promise<AppendResult> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const log = await this.read(commandId);
      const step = nextStep(log.state, commandId, fingerprint);
      if (step.kind === 'replay') return { ...step.result, replayed: true };
      if (step.kind === 'complete') {
        const finished = await this.finish(commandId, log.revision, step.plan, true);
        if (finished.kind === 'done') return { ...finished.result, replayed: true };
        continue;
      }
      const plan = await this.plan(writes, commandId, fingerprint);
      if (!(await this.record(commandId, log.revision, { type: 'CommandPlanned', data: plan }))) continue;
      const finished = await this.finish(commandId, log.revision + 1, plan, false);
      if (finished.kind === 'refused') throw finished.error;
      return { ...finished.result, replayed: false };
    }
    throw new Error(`Command ${commandId} kept changing under concurrent calls; send it again`);
  }

  /** The first result of the command id; a plan left unfinished is finished first. */
  async find(commandId: string, fingerprint?: string): Promise<AppendResult | undefined> {
    const log = await this.read(commandId);
    const step = nextStep(log.state, commandId, fingerprint);
    if (step.kind === 'replay') return { ...step.result, replayed: true };
    if (step.kind === 'plan') return undefined;
    const finished = await this.finish(commandId, log.revision, step.plan, true);
    return finished.kind === 'done' ? { ...finished.result, replayed: true } : undefined;
  }

  /**
   * Checks every expected revision before anything is recorded (a stale one fails with nothing
   * written) and hashes the events from the heads observed: the plan records the hashes, so whoever
   * completes it writes the same events, hashes included, pinned to the same revisions.
   */
  private async plan(
    writes: readonly StreamWrite[],
    commandId: string,
    fingerprint: string | undefined,
  ): Promise<CommandPlan> {
    const observed = await this.deps.observeHeads(writes);
    const planned = planWrites(writes, observed, commandId);
    return {
      fingerprint: fingerprint ?? null,
      writes: planned,
      order: executionOrder(planned, this.deps.leading),
    };
  }

  /**
   * Writes the plan's streams (again, when completing: what already landed is found, not repeated)
   * and records how it ended. Losing that record to another call means the other call recorded it.
   */
  private async finish(
    commandId: string,
    planRevision: number,
    plan: CommandPlan,
    completing: boolean,
  ): Promise<Finished> {
    const execution = await this.deps.writer.execute(plan.writes, plan.order, {
      commandId,
      mayBeStored: true,
      completing,
    });
    if (execution.kind === 'refused') {
      const { stream, expected, actual } = execution.error;
      await this.record(commandId, planRevision, {
        type: 'CommandAbandoned',
        data: { stream, expected, actual },
      });
      return execution;
    }
    const result = appendResult(plan.writes, execution.outcomes);
    if (await this.record(commandId, planRevision, { type: 'CommandCompleted', data: { result } })) {
      return { kind: 'done', result };
    }
    const { state } = await this.read(commandId);
    return { kind: 'done', result: state.status === 'completed' ? state.result : result };
  }

  private async read(commandId: string): Promise<CommandLog> {
    const events = await this.deps.reader.events(commandStream(commandId));
    const last = events?.at(-1);
    if (events === undefined || last === undefined) return { revision: -1, state: { status: 'none' } };
    return { revision: toRevision(last.revision), state: foldCommandLog(events.map(toCommandLogEvent)) };
  }

  /** Appends to the command stream if it is still at `revision`; false when another call got there first. */
  private record(commandId: string, revision: number, event: CommandLogEvent): Promise<boolean> {
    // Plain JSON data; the client's JSONType has no index signature for interfaces to match.
    const data = event.data as unknown as JSONType;
    return this.deps.writer.appendRaw(
      commandStream(commandId),
      [jsonEvent({ type: event.type, data })],
      revision === -1 ? NO_STREAM : BigInt(revision),
    );
  }
}
