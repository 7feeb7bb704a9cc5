import { requireEnrolledIn } from '../innovator/innovator.guards.js';
import { requireRunningProgramme } from '../programme/programme.guards.js';
import { assertFactDate, assertNotBefore, assertWithin } from '../shared/dates.js';
import { assertNever, type Decider, type DecisionContext } from '../shared/decider.js';
import { conflict, ruleBroken } from '../shared/errors.js';
import { assertReason, requireExisting } from '../shared/guards.js';
import type {
  CloseIntroduction,
  ConvertIntroduction,
  IntroductionCommand,
  MakeIntroduction,
  VoidIntroduction,
} from './introduction.commands.js';
import type { IntroductionEvent } from './introduction.events.js';
import { assertConvertible } from './introduction.guards.js';
import type { IntroductionFacts, IntroductionState } from './introduction.state.js';

const initialState: IntroductionState = { status: 'none' };

const requireIntroduction = (state: IntroductionState, introductionId: string) =>
  requireExisting(state, 'INTRODUCTION.NOT_FOUND', `Introduction ${introductionId}`);

function make(
  { data }: MakeIntroduction,
  state: IntroductionState,
  { now }: DecisionContext,
): IntroductionEvent[] {
  if (state.status !== 'none') {
    throw conflict('INTRODUCTION.ALREADY_MADE', `Introduction ${data.introductionId} is already made`);
  }
  const programme = requireRunningProgramme(data.programme);
  const innovator = requireEnrolledIn(data.innovator, data.programmeId);
  requireExisting(data.partner, 'PARTNER.NOT_FOUND', `Partner ${data.partnerId}`);
  assertFactDate(data.madeOn, now, 'madeOn');
  assertWithin(data.madeOn, programme.startDate, programme.endDate, 'madeOn');
  const enrolment = { date: innovator.enrolledOn, field: 'enrolledOn' };
  assertNotBefore(data.madeOn, 'madeOn', enrolment, 'INTRODUCTION.MADE_BEFORE_ENROLMENT');
  const { introductionId, programmeId, innovatorId, partnerId, madeBy, madeOn, channel } = data;
  return [
    {
      type: 'IntroductionMade',
      data: { introductionId, programmeId, innovatorId, partnerId, madeBy, madeOn, channel },
    },
  ];
}

function close(
  { data }: CloseIntroduction,
  state: IntroductionState,
  { now }: DecisionContext,
): IntroductionEvent[] {
  const introduction = requireIntroduction(state, data.introductionId);
  if (introduction.status !== 'open') {
    throw ruleBroken(
      'INTRODUCTION.NOT_OPEN',
      `Introduction ${data.introductionId} is ${introduction.status}`,
      {
        status: introduction.status,
      },
    );
  }
  assertFactDate(data.closedOn, now, 'closedOn');
  if (data.closedOn < introduction.madeOn) {
    throw ruleBroken(
      'INTRODUCTION.CLOSED_BEFORE_MADE',
      `closedOn ${data.closedOn} is before madeOn ${introduction.madeOn}`,
      {
        closedOn: data.closedOn,
        madeOn: introduction.madeOn,
      },
    );
  }
  const { introductionId, outcome, closedOn } = data;
  return [{ type: 'IntroductionClosed', data: { introductionId, outcome, closedOn } }];
}

function convert(
  { data }: ConvertIntroduction,
  state: IntroductionState,
  { now }: DecisionContext,
): IntroductionEvent[] {
  const introduction = requireIntroduction(state, data.introductionId);
  assertConvertible(introduction, data);
  assertFactDate(data.convertedOn, now, 'convertedOn');
  // The same rule and code as ConfirmPartnership, with which this command is always appended.
  if (data.convertedOn < introduction.madeOn) {
    throw ruleBroken(
      'PARTNERSHIP.BEFORE_INTRODUCTION',
      `convertedOn ${data.convertedOn} is before madeOn ${introduction.madeOn}`,
      {
        convertedOn: data.convertedOn,
        madeOn: introduction.madeOn,
      },
    );
  }
  const { introductionId, partnershipId, convertedOn } = data;
  return [{ type: 'IntroductionConverted', data: { introductionId, partnershipId, convertedOn } }];
}

function voidIntroduction({ data }: VoidIntroduction, state: IntroductionState): IntroductionEvent[] {
  const introduction = requireIntroduction(state, data.introductionId);
  if (introduction.status === 'voided') {
    throw conflict('INTRODUCTION.ALREADY_VOIDED', `Introduction ${data.introductionId} is already voided`);
  }
  assertReason(data.reason);
  return [{ type: 'IntroductionVoided', data: { introductionId: data.introductionId, reason: data.reason } }];
}

function decide(
  command: IntroductionCommand,
  state: IntroductionState,
  context: DecisionContext,
): IntroductionEvent[] {
  switch (command.type) {
    case 'MakeIntroduction':
      return make(command, state, context);
    case 'CloseIntroduction':
      return close(command, state, context);
    case 'ConvertIntroduction':
      return convert(command, state, context);
    case 'VoidIntroduction':
      return voidIntroduction(command, state);
    default:
      return assertNever(command);
  }
}

const factsOf = ({
  introductionId,
  programmeId,
  innovatorId,
  partnerId,
  madeOn,
}: IntroductionFacts): IntroductionFacts => ({
  introductionId,
  programmeId,
  innovatorId,
  partnerId,
  madeOn,
});

function evolve(state: IntroductionState, event: IntroductionEvent): IntroductionState {
  switch (event.type) {
    case 'IntroductionMade':
      return { status: 'open', ...factsOf(event.data) };
    case 'IntroductionClosed':
      if (state.status === 'none') return state;
      return { ...factsOf(state), status: 'closed' };
    case 'IntroductionConverted':
      if (state.status === 'none') return state;
      return { ...factsOf(state), status: 'converted', partnershipId: event.data.partnershipId };
    case 'IntroductionVoided':
      if (state.status === 'none') return state;
      return { ...factsOf(state), status: 'voided' };
    default: {
      // An event type from a newer schema leaves the state as it is rather than failing a replay.
      const _unknown: never = event;
      return state;
    }
  }
}

export const introductionDecider: Decider<IntroductionState, IntroductionCommand, IntroductionEvent> = {
  decide,
  evolve,
  initialState,
};
