import { expect } from '@jest/globals';
import { type Decider, type DecisionContext, DomainError, fold } from '@ledger/ledger-domain';

export interface DeciderThen<Event> {
  /** Asserts the command decides exactly these events. */
  then(expected: readonly Event[]): void;
  /** Asserts the command is refused with a DomainError of this code, and returns it for further checks. */
  thenThrows(code: string): DomainError;
}

export interface DeciderWhen<Command, Event> {
  when(command: Command): DeciderThen<Event>;
}

export interface DeciderGiven<Command, Event> {
  given(events: readonly Event[]): DeciderWhen<Command, Event>;
}

/**
 * Given / when / then for a decider: no store, no Nest, no mocks.
 *
 * @example
 * const spec = deciderSpec(grantDecider, { now: '2018-06-01T12:00:00.000Z' });
 * spec.given([awarded]).when(payment).then([paymentMade]);
 * spec.given([awarded]).when(overpayment).thenThrows('GRANT.OVERPAID');
 */
export function deciderSpec<State, Command, Event>(
  decider: Decider<State, Command, Event>,
  context: DecisionContext,
): DeciderGiven<Command, Event> {
  return {
    given: (events) => ({
      when: (command) => {
        const decide = () => decider.decide(command, fold(decider, events), context);
        return {
          then: (expected) => {
            expect(decide()).toEqual(expected);
          },
          thenThrows: (code) => {
            const error = caught(decide);
            expect(error).toBeInstanceOf(DomainError);
            expect((error as DomainError).code).toBe(code);
            return error as DomainError;
          },
        };
      },
    }),
  };
}

function caught(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('Expected the command to be refused, but it was decided');
}
