import { assertConvertible } from '../introduction/introduction.guards.js';
import { requireProgramme } from '../programme/programme.guards.js';
import { assertFactDate, assertWithin } from '../shared/dates.js';
import { assertNever, type Decider, type DecisionContext } from '../shared/decider.js';
import { conflict, ruleBroken } from '../shared/errors.js';
import { assertReason, requireExisting } from '../shared/guards.js';
import type {
  ConfirmPartnership,
  EndPartnership,
  PartnershipCommand,
  VoidPartnership,
} from './partnership.commands.js';
import type { PartnershipEvent } from './partnership.events.js';
import type { PartnershipFacts, PartnershipState } from './partnership.state.js';

const initialState: PartnershipState = { status: 'none' };

const requirePartnership = (state: PartnershipState, partnershipId: string) =>
  requireExisting(state, 'PARTNERSHIP.NOT_FOUND', `Partnership ${partnershipId}`);

/** Confirmed from an open introduction, naming its innovator and partner, within the programme's dates. */
function confirm(
  { data }: ConfirmPartnership,
  state: PartnershipState,
  { now }: DecisionContext,
): PartnershipEvent[] {
  if (state.status !== 'none') {
    throw conflict('PARTNERSHIP.ALREADY_CONFIRMED', `Partnership ${data.partnershipId} is already confirmed`);
  }
  const introduction = requireExisting(
    data.introduction,
    'INTRODUCTION.NOT_FOUND',
    `Introduction ${data.introductionId}`,
  );
  assertConvertible(introduction, data);
  const programme = requireProgramme(data.programme);
  assertFactDate(data.confirmedOn, now, 'confirmedOn');
  assertWithin(data.confirmedOn, programme.startDate, programme.endDate, 'confirmedOn');
  if (data.confirmedOn < introduction.madeOn) {
    throw ruleBroken(
      'PARTNERSHIP.BEFORE_INTRODUCTION',
      `confirmedOn ${data.confirmedOn} is before the introduction was made on ${introduction.madeOn}`,
      { confirmedOn: data.confirmedOn, madeOn: introduction.madeOn },
    );
  }
  const { partnershipId, introductionId, innovatorId, partnerId, kind, confirmedOn } = data;
  const { programmeId } = introduction;
  return [
    {
      type: 'PartnershipConfirmed',
      data: { partnershipId, introductionId, programmeId, innovatorId, partnerId, kind, confirmedOn },
    },
  ];
}

function end(
  { data }: EndPartnership,
  state: PartnershipState,
  { now }: DecisionContext,
): PartnershipEvent[] {
  const partnership = requirePartnership(state, data.partnershipId);
  if (partnership.status !== 'active') {
    throw ruleBroken('PARTNERSHIP.NOT_ACTIVE', `Partnership ${data.partnershipId} is ${partnership.status}`, {
      status: partnership.status,
    });
  }
  assertReason(data.reason);
  assertFactDate(data.endedOn, now, 'endedOn');
  if (data.endedOn < partnership.confirmedOn) {
    throw ruleBroken(
      'PARTNERSHIP.ENDED_BEFORE_CONFIRMED',
      `endedOn ${data.endedOn} is before confirmedOn ${partnership.confirmedOn}`,
      { endedOn: data.endedOn, confirmedOn: partnership.confirmedOn },
    );
  }
  const { partnershipId, endedOn, reason } = data;
  return [{ type: 'PartnershipEnded', data: { partnershipId, endedOn, reason } }];
}

function voidPartnership({ data }: VoidPartnership, state: PartnershipState): PartnershipEvent[] {
  const partnership = requirePartnership(state, data.partnershipId);
  if (partnership.status === 'voided') {
    throw conflict('PARTNERSHIP.ALREADY_VOIDED', `Partnership ${data.partnershipId} is already voided`);
  }
  assertReason(data.reason);
  return [{ type: 'PartnershipVoided', data: { partnershipId: data.partnershipId, reason: data.reason } }];
}

function decide(
  command: PartnershipCommand,
  state: PartnershipState,
  context: DecisionContext,
): PartnershipEvent[] {
  switch (command.type) {
    case 'ConfirmPartnership':
      return confirm(command, state, context);
    case 'EndPartnership':
      return end(command, state, context);
    case 'VoidPartnership':
      return voidPartnership(command, state);
    default:
      return assertNever(command);
  }
}

const factsOf = ({
  partnershipId,
  introductionId,
  programmeId,
  confirmedOn,
}: PartnershipFacts): PartnershipFacts => ({
  partnershipId,
  introductionId,
  programmeId,
  confirmedOn,
});

function evolve(state: PartnershipState, event: PartnershipEvent): PartnershipState {
  switch (event.type) {
    case 'PartnershipConfirmed':
      return { status: 'active', ...factsOf(event.data) };
    case 'PartnershipEnded':
      if (state.status === 'none') return state;
      return { ...factsOf(state), status: 'ended', endedOn: event.data.endedOn };
    case 'PartnershipVoided':
      if (state.status === 'none') return state;
      return { ...factsOf(state), status: 'voided' };
    default: {
      // An event type from a newer schema leaves the state as it is rather than failing a replay.
      const _unknown: never = event;
      return state;
    }
  }
}

export const partnershipDecider: Decider<PartnershipState, PartnershipCommand, PartnershipEvent> = {
  decide,
  evolve,
  initialState,
};
