import {
  assertNotBeforeStart,
  requireProgramme,
  requireRunningProgramme,
} from '../programme/programme.guards.js';
import { assertFactDate, assertNotBefore, assertPlausibleDate } from '../shared/dates.js';
import { assertNever, type Decider, type DecisionContext } from '../shared/decider.js';
import { conflict, ruleBroken } from '../shared/errors.js';
import { assertReason, requireExisting } from '../shared/guards.js';
import type {
  EnrolInnovator,
  InnovatorCommand,
  RecordRevenueForecast,
  ReportIncome,
  WithdrawInnovator,
} from './innovator.commands.js';
import type { InnovatorEvent } from './innovator.events.js';
import type { InnovatorState } from './innovator.state.js';

const initialState: InnovatorState = { status: 'none' };
const MAX_FORECAST_MONTHS = 120;

const isBlank = (value: string | undefined): boolean => value === undefined || value.trim() === '';

function enrol({ data }: EnrolInnovator, state: InnovatorState, { now }: DecisionContext): InnovatorEvent[] {
  if (state.status !== 'none') {
    throw conflict('INNOVATOR.ALREADY_ENROLLED', `Innovator ${data.innovatorId} is already enrolled`);
  }
  const programme = requireRunningProgramme(data.programme);
  if (!programme.challengeAreas.includes(data.challengeArea)) {
    throw ruleBroken(
      'INNOVATOR.UNKNOWN_CHALLENGE_AREA',
      `${data.challengeArea} is not a challenge area of the programme`,
      {
        challengeArea: data.challengeArea,
        challengeAreas: programme.challengeAreas,
      },
    );
  }
  if (isBlank(data.orgId) && isBlank(data.registrationNumber)) {
    throw ruleBroken(
      'INNOVATOR.IDENTIFIER_REQUIRED',
      'An innovator needs an org-id or a registration number',
    );
  }
  assertFactDate(data.enrolledOn, now, 'enrolledOn');
  assertNotBeforeStart(programme, data.enrolledOn, 'enrolledOn');
  const { innovatorId, programmeId, name, orgId, registrationNumber, challengeArea, enrolledOn } = data;
  return [
    {
      type: 'InnovatorEnrolled',
      data: {
        innovatorId,
        programmeId,
        name,
        ...(isBlank(orgId) ? {} : { orgId }),
        ...(isBlank(registrationNumber) ? {} : { registrationNumber }),
        challengeArea,
        enrolledOn,
      },
    },
  ];
}

function withdraw(
  { data }: WithdrawInnovator,
  state: InnovatorState,
  { now }: DecisionContext,
): InnovatorEvent[] {
  const innovator = requireExisting(state, 'INNOVATOR.NOT_FOUND', `Innovator ${data.innovatorId}`);
  if (innovator.status !== 'enrolled') {
    throw ruleBroken('INNOVATOR.NOT_ENROLLED', `Innovator ${data.innovatorId} is already withdrawn`);
  }
  assertReason(data.reason);
  assertFactDate(data.withdrawnOn, now, 'withdrawnOn');
  const enrolment = { date: innovator.enrolledOn, field: 'enrolledOn' };
  assertNotBefore(data.withdrawnOn, 'withdrawnOn', enrolment, 'INNOVATOR.WITHDRAWN_BEFORE_ENROLMENT');
  // Also against the programme: enrolments recorded before ADR 0019 may predate the programme's start.
  assertNotBeforeStart(requireProgramme(data.programme), data.withdrawnOn, 'withdrawnOn');
  const { innovatorId, withdrawnOn, reason } = data;
  return [{ type: 'InnovatorWithdrawn', data: { innovatorId, withdrawnOn, reason } }];
}

/**
 * A withdrawn innovator still reports: income after the programme is part of its impact. The period
 * may begin before the enrolment (a quarter the innovator joined in) but not end before it.
 */
function reportIncome(
  { data }: ReportIncome,
  state: InnovatorState,
  { now }: DecisionContext,
): InnovatorEvent[] {
  const innovator = requireExisting(state, 'INNOVATOR.NOT_FOUND', `Innovator ${data.innovatorId}`);
  assertPlausibleDate(data.periodStart, 'periodStart');
  assertFactDate(data.periodEnd, now, 'periodEnd');
  if (data.periodEnd < data.periodStart) {
    throw ruleBroken(
      'INCOME.INVALID_PERIOD',
      `periodEnd ${data.periodEnd} is before periodStart ${data.periodStart}`,
      {
        periodStart: data.periodStart,
        periodEnd: data.periodEnd,
      },
    );
  }
  if (!(data.amount > 0)) {
    throw ruleBroken('INCOME.AMOUNT_NOT_POSITIVE', 'Income reported must be above zero', {
      amount: data.amount,
    });
  }
  const enrolment = { date: innovator.enrolledOn, field: 'enrolledOn' };
  assertNotBefore(data.periodEnd, 'periodEnd', enrolment, 'INCOME.BEFORE_ENROLMENT');
  if (innovator.incomeIds.includes(data.incomeId)) {
    throw conflict('INCOME.DUPLICATE', `Income ${data.incomeId} is already reported`, {
      incomeId: data.incomeId,
    });
  }
  const { innovatorId, incomeId, amount, currency, periodStart, periodEnd, source, attributableToProgramme } =
    data;
  return [
    {
      type: 'IncomeReported',
      data: {
        innovatorId,
        incomeId,
        amount,
        currency,
        periodStart,
        periodEnd,
        source,
        attributableToProgramme,
      },
    },
  ];
}

function recordForecast(
  { data }: RecordRevenueForecast,
  state: InnovatorState,
  { now }: DecisionContext,
): InnovatorEvent[] {
  const innovator = requireExisting(state, 'INNOVATOR.NOT_FOUND', `Innovator ${data.innovatorId}`);
  const { horizonMonths } = data;
  if (!Number.isInteger(horizonMonths) || horizonMonths < 1 || horizonMonths > MAX_FORECAST_MONTHS) {
    throw ruleBroken('FORECAST.INVALID_HORIZON', `The horizon is 1 to ${MAX_FORECAST_MONTHS} whole months`, {
      horizonMonths,
    });
  }
  if (!(data.amount >= 0)) {
    throw ruleBroken('FORECAST.AMOUNT_NEGATIVE', 'A revenue forecast cannot be negative', {
      amount: data.amount,
    });
  }
  assertFactDate(data.asOf, now, 'asOf');
  const enrolment = { date: innovator.enrolledOn, field: 'enrolledOn' };
  assertNotBefore(data.asOf, 'asOf', enrolment, 'FORECAST.BEFORE_ENROLMENT');
  const { innovatorId, amount, currency, asOf } = data;
  return [{ type: 'RevenueForecastRecorded', data: { innovatorId, amount, currency, horizonMonths, asOf } }];
}

function decide(
  command: InnovatorCommand,
  state: InnovatorState,
  context: DecisionContext,
): InnovatorEvent[] {
  switch (command.type) {
    case 'EnrolInnovator':
      return enrol(command, state, context);
    case 'WithdrawInnovator':
      return withdraw(command, state, context);
    case 'ReportIncome':
      return reportIncome(command, state, context);
    case 'RecordRevenueForecast':
      return recordForecast(command, state, context);
    default:
      return assertNever(command);
  }
}

function evolve(state: InnovatorState, event: InnovatorEvent): InnovatorState {
  switch (event.type) {
    case 'InnovatorEnrolled': {
      const { innovatorId, programmeId, name, challengeArea, enrolledOn } = event.data;
      return { status: 'enrolled', innovatorId, programmeId, name, challengeArea, enrolledOn, incomeIds: [] };
    }
    case 'InnovatorWithdrawn':
      if (state.status === 'none') return state;
      return { ...state, status: 'withdrawn', withdrawnOn: event.data.withdrawnOn };
    case 'IncomeReported':
      if (state.status === 'none') return state;
      return { ...state, incomeIds: [...state.incomeIds, event.data.incomeId] };
    case 'RevenueForecastRecorded':
      return state;
    default: {
      // An event type from a newer schema leaves the state as it is rather than failing a replay.
      const _unknown: never = event;
      return state;
    }
  }
}

export const innovatorDecider: Decider<InnovatorState, InnovatorCommand, InnovatorEvent> = {
  decide,
  evolve,
  initialState,
};
