import { IdempotencyKeyReusedError } from '../errors.js';
import type { AppendResult, ExpectedRevision } from '../port.js';
import type { PlannedWrite } from './esdb-write-plan.js';

/**
 * What a command appends, recorded before any of it is written, so that a retry of the command id
 * can finish it. `order` is the order the writes go to the server in (see `executionOrder`).
 */
export interface CommandPlan {
  readonly fingerprint: string | null;
  readonly writes: readonly PlannedWrite[];
  readonly order: readonly number[];
}

export type StoredResult = Omit<AppendResult, 'replayed'>;

/** The events of a command's stream (`ledger_command-<id>`). */
export type CommandLogEvent =
  | { readonly type: 'CommandPlanned'; readonly data: CommandPlan }
  | { readonly type: 'CommandCompleted'; readonly data: { readonly result: StoredResult } }
  | {
      readonly type: 'CommandAbandoned';
      readonly data: {
        readonly stream: string;
        readonly expected: ExpectedRevision;
        readonly actual: number;
      };
    };

export type CommandState =
  | { readonly status: 'none' }
  | { readonly status: 'planned'; readonly plan: CommandPlan }
  | { readonly status: 'completed'; readonly plan: CommandPlan; readonly result: StoredResult }
  | { readonly status: 'abandoned' };

/** A command's state and the revision of its stream (-1: never seen), for the next conditional append. */
export interface CommandLog {
  readonly revision: number;
  readonly state: CommandState;
}

export function evolveCommand(state: CommandState, event: CommandLogEvent): CommandState {
  switch (event.type) {
    case 'CommandPlanned':
      return { status: 'planned', plan: event.data };
    case 'CommandCompleted':
      return state.status === 'planned'
        ? { ...state, status: 'completed', result: event.data.result }
        : state;
    case 'CommandAbandoned':
      return state.status === 'planned' ? { status: 'abandoned' } : state;
  }
}

export function foldCommandLog(events: readonly CommandLogEvent[]): CommandState {
  return events.reduce<CommandState>(evolveCommand, { status: 'none' });
}

/** What a call with this command id does next. */
export type CommandStep =
  | { readonly kind: 'plan' }
  | { readonly kind: 'replay'; readonly result: StoredResult }
  | { readonly kind: 'complete'; readonly plan: CommandPlan };

/**
 * A completed command is replayed; a planned one (interrupted, or in flight in another call) is
 * completed; one never seen or abandoned (its first write was refused, so nothing of it holds) is
 * planned afresh. A fingerprint differing from the recorded one refuses the call, as in the
 * embedded store: the same command id was sent for a different command.
 */
export function nextStep(
  state: CommandState,
  commandId: string,
  fingerprint: string | undefined,
): CommandStep {
  switch (state.status) {
    case 'none':
    case 'abandoned':
      return { kind: 'plan' };
    case 'planned':
    case 'completed':
      if (fingerprint !== undefined && state.plan.fingerprint !== fingerprint) {
        throw new IdempotencyKeyReusedError(commandId);
      }
      return state.status === 'completed'
        ? { kind: 'replay', result: state.result }
        : { kind: 'complete', plan: state.plan };
  }
}

const TYPES: readonly string[] = ['CommandPlanned', 'CommandCompleted', 'CommandAbandoned'];

/** A stored event of a command stream; written by this store only, so its data has the recorded shape. */
export function toCommandLogEvent(event: { readonly type: string; readonly data: unknown }): CommandLogEvent {
  if (!TYPES.includes(event.type)) throw new Error(`Unknown event ${event.type} in a command stream`);
  return { type: event.type, data: event.data } as CommandLogEvent;
}
