import { assertNever, type Decider } from '../shared/decider.js';
import { conflict } from '../shared/errors.js';
import { contactPersonIdFor } from '../person/personal-data.js';
import type { ContactPersonInput, PartnerCommand, RegisterPartner } from './partner.commands.js';
import type { PartnerEvent, ReadableContactPerson } from './partner.events.js';
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
      data: {
        partnerId,
        name,
        sector,
        ...(contactPerson ? { contactPerson: withPersonId(contactPerson, partnerId) } : {}),
      },
    },
  ];
}

/** The contact person with their person id: the command's, or `contact-<partnerId>`. */
function withPersonId(contact: ContactPersonInput, partnerId: string): ReadableContactPerson {
  const { personId, name, email } = contact;
  return {
    personId: personId ?? contactPersonIdFor(partnerId),
    name,
    ...(email === undefined ? {} : { email }),
  };
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
