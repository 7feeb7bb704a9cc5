import { assertNever, type DecisionContext, type Decider } from '../shared/decider.js';
import { conflict, notFound } from '../shared/errors.js';
import type { ErasePersonalData, PersonCommand } from './person.commands.js';
import type { PersonEvent } from './person.events.js';
import type { PersonState } from './person.state.js';

const initialState: PersonState = { status: 'none' };

/**
 * Records the erasure once. A person the ledger never held data of is unknown (404); one already
 * erased is a conflict the application treats as done, so a retried forget completes.
 */
function erase({ data }: ErasePersonalData, state: PersonState, { now }: DecisionContext): PersonEvent[] {
  const { personId } = data;
  if (state.status === 'erased') {
    throw conflict('PERSON.ALREADY_ERASED', `Person ${personId} was already erased`, {
      personId,
      ...(state.erasedAt === undefined ? {} : { erasedAt: state.erasedAt }),
    });
  }
  if (!data.personalDataRecorded) {
    throw notFound('PERSON.NOT_FOUND', `The ledger holds no personal data of person ${personId}`, {
      personId,
    });
  }
  return [{ type: 'PersonalDataErased', data: { personId, erasedAt: now } }];
}

function decide(command: PersonCommand, state: PersonState, context: DecisionContext): PersonEvent[] {
  switch (command.type) {
    case 'ErasePersonalData':
      return erase(command, state, context);
    default:
      return assertNever(command.type);
  }
}

function evolve(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'PersonalDataErased': {
      const { personId, erasedAt } = event.data;
      return { status: 'erased', personId, ...(erasedAt === undefined ? {} : { erasedAt }) };
    }
    default: {
      // An event type from a newer schema leaves the state as it is rather than failing a replay.
      const _unknown: never = event.type;
      return state;
    }
  }
}

export const personDecider: Decider<PersonState, PersonCommand, PersonEvent> = {
  decide,
  evolve,
  initialState,
};
