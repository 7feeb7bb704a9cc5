import { assertFactDate, assertPlausibleDate } from '../shared/dates.js';
import { assertNever, type Decider, type DecisionContext } from '../shared/decider.js';
import { conflict, ruleBroken } from '../shared/errors.js';
import { assertReason, requireExisting } from '../shared/guards.js';
import { addPence, pence, subtractPence } from '../shared/money.js';
import type {
  CloseProgramme,
  CommitGrantFunds,
  LaunchProgramme,
  ProgrammeCommand,
  RaiseGrantBudget,
  ReleaseGrantFunds,
  SetProgrammeTarget,
} from './programme.commands.js';
import { TARGET_METRICS, type ProgrammeEvent } from './programme.events.js';
import { assertFundsAvailable, assertNotBeforeStart, requireRunningProgramme } from './programme.guards.js';
import type { ProgrammeState } from './programme.state.js';

const initialState: ProgrammeState = { status: 'none' };

/** The launch is dated by its start (occurredAt), so the start has happened; the end is usually ahead. */
function launch(
  { data }: LaunchProgramme,
  state: ProgrammeState,
  { now }: DecisionContext,
): ProgrammeEvent[] {
  if (state.status !== 'none') {
    throw conflict('PROGRAMME.ALREADY_LAUNCHED', `Programme ${data.programmeId} is already launched`);
  }
  assertFactDate(data.startDate, now, 'startDate');
  assertPlausibleDate(data.endDate, 'endDate');
  if (data.endDate < data.startDate) {
    throw ruleBroken(
      'PROGRAMME.INVALID_DATES',
      `endDate ${data.endDate} is before startDate ${data.startDate}`,
      {
        startDate: data.startDate,
        endDate: data.endDate,
      },
    );
  }
  if (!data.challengeAreas.some((area) => area.trim() !== '')) {
    throw ruleBroken('PROGRAMME.CHALLENGE_AREA_REQUIRED', 'A programme needs at least one challenge area');
  }
  if (!(data.grantBudget > 0)) {
    throw ruleBroken('PROGRAMME.BUDGET_NOT_POSITIVE', 'The grant budget must be above zero', {
      grantBudget: data.grantBudget,
    });
  }
  const { programmeId, name, funder, deliveryPartner, challengeAreas, startDate, endDate } = data;
  const { grantBudget, currency, targets } = data;
  return [
    {
      type: 'ProgrammeLaunched',
      data: {
        programmeId,
        name,
        funder,
        deliveryPartner,
        challengeAreas,
        startDate,
        endDate,
        grantBudget,
        currency,
        targets,
      },
    },
  ];
}

function setTarget({ data }: SetProgrammeTarget, state: ProgrammeState): ProgrammeEvent[] {
  requireRunningProgramme(requireExisting(state, 'PROGRAMME.NOT_FOUND', `Programme ${data.programmeId}`));
  const knownMetric = (TARGET_METRICS as readonly string[]).includes(data.metric);
  if (!knownMetric || !Number.isSafeInteger(data.value) || data.value < 0) {
    throw ruleBroken(
      'PROGRAMME.INVALID_TARGET',
      'A target is a known metric and a whole number of at least zero',
      {
        metric: data.metric,
        value: data.value,
      },
    );
  }
  return [
    {
      type: 'ProgrammeTargetSet',
      data: { programmeId: data.programmeId, metric: data.metric, value: data.value },
    },
  ];
}

function close({ data }: CloseProgramme, state: ProgrammeState, { now }: DecisionContext): ProgrammeEvent[] {
  const programme = requireRunningProgramme(
    requireExisting(state, 'PROGRAMME.NOT_FOUND', `Programme ${data.programmeId}`),
  );
  assertFactDate(data.closedOn, now, 'closedOn');
  assertNotBeforeStart(programme, data.closedOn, 'closedOn');
  return [{ type: 'ProgrammeClosed', data: { programmeId: data.programmeId, closedOn: data.closedOn } }];
}

function commitFunds({ data }: CommitGrantFunds, state: ProgrammeState): ProgrammeEvent[] {
  const programme = requireRunningProgramme(
    requireExisting(state, 'PROGRAMME.NOT_FOUND', `Programme ${data.programmeId}`),
  );
  if (!(data.amount > 0)) {
    throw ruleBroken('GRANT.AMOUNT_NOT_POSITIVE', 'Funds committed must be above zero', {
      amount: data.amount,
    });
  }
  assertFundsAvailable(programme, data.amount);
  const { programmeId, grantId, amount } = data;
  return [{ type: 'GrantFundsCommitted', data: { programmeId, grantId, amount } }];
}

/** Allowed on a closed programme: voiding or revoking an award must still give its funds back. */
function releaseFunds({ data }: ReleaseGrantFunds, state: ProgrammeState): ProgrammeEvent[] {
  const programme = requireExisting(state, 'PROGRAMME.NOT_FOUND', `Programme ${data.programmeId}`);
  assertReason(data.reason);
  if (!(data.amount > 0)) {
    throw ruleBroken('GRANT.AMOUNT_NOT_POSITIVE', 'Funds released must be above zero', {
      amount: data.amount,
    });
  }
  const committed = programme.committed[data.grantId] ?? 0;
  if (data.amount > committed) {
    throw ruleBroken(
      'GRANT.RELEASE_EXCEEDS_COMMITTED',
      `Grant ${data.grantId} has ${committed} pence committed, ${data.amount} to release`,
      { grantId: data.grantId, committed, requested: data.amount },
    );
  }
  const { programmeId, grantId, amount, reason } = data;
  return [{ type: 'GrantFundsReleased', data: { programmeId, grantId, amount, reason } }];
}

/** Only upwards, and only while running: a closed programme awards nothing more. */
function raiseBudget({ data }: RaiseGrantBudget, state: ProgrammeState): ProgrammeEvent[] {
  const programme = requireRunningProgramme(
    requireExisting(state, 'PROGRAMME.NOT_FOUND', `Programme ${data.programmeId}`),
  );
  assertReason(data.reason);
  if (!(data.to > programme.grantBudget)) {
    throw ruleBroken(
      'PROGRAMME.BUDGET_NOT_RAISED',
      `The grant budget is ${programme.grantBudget} pence; ${data.to} does not raise it`,
      { grantBudget: programme.grantBudget, requested: data.to },
    );
  }
  const { programmeId, to, reason } = data;
  return [{ type: 'GrantBudgetRaised', data: { programmeId, from: programme.grantBudget, to, reason } }];
}

function decide(
  command: ProgrammeCommand,
  state: ProgrammeState,
  context: DecisionContext,
): ProgrammeEvent[] {
  switch (command.type) {
    case 'LaunchProgramme':
      return launch(command, state, context);
    case 'SetProgrammeTarget':
      return setTarget(command, state);
    case 'CloseProgramme':
      return close(command, state, context);
    case 'CommitGrantFunds':
      return commitFunds(command, state);
    case 'ReleaseGrantFunds':
      return releaseFunds(command, state);
    case 'RaiseGrantBudget':
      return raiseBudget(command, state);
    default:
      return assertNever(command);
  }
}

function evolve(state: ProgrammeState, event: ProgrammeEvent): ProgrammeState {
  switch (event.type) {
    case 'ProgrammeLaunched': {
      const { currency: _currency, ...facts } = event.data;
      return { status: 'running', ...facts, committed: {}, committedTotal: pence(0) };
    }
    case 'ProgrammeTargetSet':
      if (state.status === 'none') return state;
      return { ...state, targets: { ...state.targets, [event.data.metric]: event.data.value } };
    case 'ProgrammeClosed':
      if (state.status === 'none') return state;
      return { ...state, status: 'closed', closedOn: event.data.closedOn };
    case 'GrantFundsCommitted': {
      if (state.status === 'none') return state;
      const { grantId, amount } = event.data;
      const committed = {
        ...state.committed,
        [grantId]: addPence(state.committed[grantId] ?? pence(0), amount),
      };
      return { ...state, committed, committedTotal: addPence(state.committedTotal, amount) };
    }
    case 'GrantFundsReleased': {
      if (state.status === 'none') return state;
      const { grantId, amount } = event.data;
      const committed = {
        ...state.committed,
        [grantId]: subtractPence(state.committed[grantId] ?? pence(0), amount),
      };
      return { ...state, committed, committedTotal: subtractPence(state.committedTotal, amount) };
    }
    case 'GrantBudgetRaised':
      if (state.status === 'none') return state;
      return { ...state, grantBudget: event.data.to };
    default: {
      // An event type from a newer schema leaves the state as it is rather than failing a replay.
      const _unknown: never = event;
      return state;
    }
  }
}

export const programmeDecider: Decider<ProgrammeState, ProgrammeCommand, ProgrammeEvent> = {
  decide,
  evolve,
  initialState,
};
