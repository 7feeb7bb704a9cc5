/**
 * A decider is an aggregate as plain functions: `decide` turns a command and the current state into
 * new events (or throws a typed DomainError), `evolve` folds one event into the state.
 *
 * @example
 * const state = events.reduce(grantDecider.evolve, grantDecider.initialState);
 * const newEvents = grantDecider.decide(command, state, { now: '2018-01-01T00:00:00.000Z' });
 */
export interface Decider<State, Command, Event> {
  readonly decide: (command: Command, state: State, context: DecisionContext) => readonly Event[];
  readonly evolve: (state: State, event: Event) => State;
  readonly initialState: State;
}

/** What a decision may depend on besides the command and the state: the clock, given from outside. */
export interface DecisionContext {
  /** The server's current instant, ISO 8601 UTC. */
  readonly now: string;
}

export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

export interface DomainCommand<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** Folds a list of events into a state with a decider's evolve. */
export function fold<State, Command, Event>(
  decider: Decider<State, Command, Event>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState);
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
