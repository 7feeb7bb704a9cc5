import { assertNever, type Decider } from '../shared/decider.js';
import { conflict } from '../shared/errors.js';
import type { PartnerCommand, RegisterPartner } from './partner.commands.js';
import type { PartnerEvent } from './partner.events.js';
import type { PartnerState } from './partner.state.js';

const initialState: PartnerState = { status: 'none' };

function register({ data }: RegisterPartner, state: PartnerState): PartnerEvent[] {
  if (state.status !== 'none') {
    throw conflict('PARTNER.ALREADY_REGISTERED', `Partner ${data.partnerId} is already registered`);
  }
  const { partnerId, name, sector, contactPerson } = data;
  return [
    {
      type: 'PartnerRegistered',
      data: { partnerId, name, sector, ...(contactPerson ? { contactPerson } : {}) },
    },
  ];
}

function decide(command: PartnerCommand, state: PartnerState): PartnerEvent[] {
  switch (command.type) {
    case 'RegisterPartner':
      return register(command, state);
    default:
      // A one-member union narrows its discriminant, not the object, so the check is on the type.
      return assertNever(command.type);
  }
}

function evolve(state: PartnerState, event: PartnerEvent): PartnerState {
  switch (event.type) {
    case 'PartnerRegistered': {
      const { partnerId, name, sector } = event.data;
      return { status: 'registered', partnerId, name, sector };
    }
    default: {
      // An event type from a newer schema leaves the state as it is rather than failing a replay.
      const _unknown: never = event.type;
      return state;
    }
  }
}

export const partnerDecider: Decider<PartnerState, PartnerCommand, PartnerEvent> = {
  decide,
  evolve,
  initialState,
};
