import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@ledger/testing';
import { fold } from '../shared/decider.js';
import { pence } from '../shared/money.js';
import type { ProgrammeCommand } from './programme.commands.js';
import { programmeDecider } from './programme.decider.js';
import type { ProgrammeEvent, ProgrammeLaunched } from './programme.events.js';

const NOW = '2018-06-01T12:00:00.000Z';
const spec = deciderSpec(programmeDecider, { now: NOW });
const programmeId = 'prog-1';

const launchData: ProgrammeLaunched['data'] = {
  programmeId,
  name: 'Connected Communities Accelerator',
  funder: { name: 'DCMS', orgId: 'GB-GOR-D5' },
  deliveryPartner: { name: 'Nesta', orgId: 'GB-CHC-1144091' },
  challengeAreas: ['loneliness', 'digital-inclusion'],
  startDate: '2018-01-01',
  endDate: '2019-12-31',
  grantBudget: pence(10_000_000),
  currency: 'GBP',
  targets: { partnerships: 9 },
};
const launched: ProgrammeEvent = { type: 'ProgrammeLaunched', data: launchData };
const closed: ProgrammeEvent = { type: 'ProgrammeClosed', data: { programmeId, closedOn: '2018-05-31' } };
const committed = (grantId: string, amount: number): ProgrammeEvent => ({
  type: 'GrantFundsCommitted',
  data: { programmeId, grantId, amount: pence(amount) },
});
const launch = (overrides: Partial<ProgrammeLaunched['data']> = {}): ProgrammeCommand => ({
  type: 'LaunchProgramme',
  data: { ...launchData, ...overrides },
});
const commit = (grantId: string, amount: number): ProgrammeCommand => ({
  type: 'CommitGrantFunds',
  data: { programmeId, grantId, amount: pence(amount) },
});
const release = (grantId: string, amount: number, reason = 'voided: entered twice'): ProgrammeCommand => ({
  type: 'ReleaseGrantFunds',
  data: { programmeId, grantId, amount: pence(amount), reason },
});

describe('programme decider: LaunchProgramme', () => {
  it('given no programme, when launched, then ProgrammeLaunched', () => {
    spec.given([]).when(launch()).then([launched]);
  });
  it('given a launched programme, when launched again, then PROGRAMME.ALREADY_LAUNCHED (conflict)', () => {
    expect(spec.given([launched]).when(launch()).thenThrows('PROGRAMME.ALREADY_LAUNCHED').kind).toBe(
      'conflict',
    );
  });
  it('given no programme, when it ends before it starts, then PROGRAMME.INVALID_DATES', () => {
    spec
      .given([])
      .when(launch({ endDate: '2017-12-31' }))
      .thenThrows('PROGRAMME.INVALID_DATES');
  });
  it('given no programme, when it starts and ends on one day, then it is launched', () => {
    const data = { ...launchData, endDate: launchData.startDate };
    spec
      .given([])
      .when(launch(data))
      .then([{ type: 'ProgrammeLaunched', data }]);
  });
  it('given no programme, when launched without challenge areas, then PROGRAMME.CHALLENGE_AREA_REQUIRED', () => {
    spec
      .given([])
      .when(launch({ challengeAreas: [] }))
      .thenThrows('PROGRAMME.CHALLENGE_AREA_REQUIRED');
    spec
      .given([])
      .when(launch({ challengeAreas: ['  '] }))
      .thenThrows('PROGRAMME.CHALLENGE_AREA_REQUIRED');
  });
  it('given no programme, when launched with a zero budget, then PROGRAMME.BUDGET_NOT_POSITIVE', () => {
    spec
      .given([])
      .when(launch({ grantBudget: pence(0) }))
      .thenThrows('PROGRAMME.BUDGET_NOT_POSITIVE');
  });
});

describe('programme decider: SetProgrammeTarget', () => {
  const setTarget = (value: number): ProgrammeCommand => ({
    type: 'SetProgrammeTarget',
    data: { programmeId, metric: 'introductions', value },
  });
  it('given a running programme, when a target is set, then ProgrammeTargetSet', () => {
    spec
      .given([launched])
      .when(setTarget(40))
      .then([{ type: 'ProgrammeTargetSet', data: { programmeId, metric: 'introductions', value: 40 } }]);
  });
  it('given no programme, when a target is set, then PROGRAMME.NOT_FOUND (not-found)', () => {
    expect(spec.given([]).when(setTarget(40)).thenThrows('PROGRAMME.NOT_FOUND').kind).toBe('not-found');
  });
  it('given a closed programme, when a target is set, then PROGRAMME.NOT_RUNNING', () => {
    spec.given([launched, closed]).when(setTarget(40)).thenThrows('PROGRAMME.NOT_RUNNING');
  });
  it('given a running programme, when a target is negative or fractional, then PROGRAMME.INVALID_TARGET', () => {
    spec.given([launched]).when(setTarget(-1)).thenThrows('PROGRAMME.INVALID_TARGET');
    spec.given([launched]).when(setTarget(2.5)).thenThrows('PROGRAMME.INVALID_TARGET');
  });
  it('given a target set, when folded, then the target replaces the launch value', () => {
    const state = fold(programmeDecider, [
      launched,
      { type: 'ProgrammeTargetSet', data: { programmeId, metric: 'partnerships', value: 12 } },
    ]);
    expect(state.status === 'running' && state.targets).toEqual({ partnerships: 12 });
  });
});

describe('programme decider: CloseProgramme', () => {
  const close = (closedOn: string): ProgrammeCommand => ({
    type: 'CloseProgramme',
    data: { programmeId, closedOn },
  });
  it('given a running programme, when closed, then ProgrammeClosed', () => {
    spec.given([launched]).when(close('2018-05-31')).then([closed]);
  });
  it('given no programme, when closed, then PROGRAMME.NOT_FOUND', () => {
    spec.given([]).when(close('2018-05-31')).thenThrows('PROGRAMME.NOT_FOUND');
  });
  it('given a closed programme, when closed again, then PROGRAMME.NOT_RUNNING', () => {
    spec.given([launched, closed]).when(close('2018-05-31')).thenThrows('PROGRAMME.NOT_RUNNING');
  });
  it('given a running programme, when closed tomorrow, then DATE.IN_FUTURE', () => {
    spec.given([launched]).when(close('2018-06-02')).thenThrows('DATE.IN_FUTURE');
  });
});

describe('programme decider: CommitGrantFunds', () => {
  it('given a running programme, when funds are committed, then GrantFundsCommitted', () => {
    spec
      .given([launched])
      .when(commit('grant-1', 2_000_000))
      .then([committed('grant-1', 2_000_000)]);
  });
  it('given a running programme, when the commitment uses the whole budget exactly, then it is committed', () => {
    spec
      .given([launched, committed('grant-1', 6_000_000)])
      .when(commit('grant-2', 4_000_000))
      .then([committed('grant-2', 4_000_000)]);
  });
  it('given a programme with 8,000,000 committed, when 2,000,001 more is committed, then GRANT.BUDGET_EXCEEDED', () => {
    const error = spec
      .given([launched, committed('grant-1', 8_000_000)])
      .when(commit('grant-2', 2_000_001))
      .thenThrows('GRANT.BUDGET_EXCEEDED');
    expect(error.kind).toBe('rule');
    expect(error.details).toEqual({ budget: 10_000_000, committed: 8_000_000, requested: 2_000_001 });
  });
  it('given no programme, when funds are committed, then PROGRAMME.NOT_FOUND', () => {
    spec.given([]).when(commit('grant-1', 1)).thenThrows('PROGRAMME.NOT_FOUND');
  });
  it('given a closed programme, when funds are committed, then PROGRAMME.NOT_RUNNING', () => {
    spec.given([launched, closed]).when(commit('grant-1', 1)).thenThrows('PROGRAMME.NOT_RUNNING');
  });
  it('given a running programme, when zero is committed, then GRANT.AMOUNT_NOT_POSITIVE', () => {
    spec.given([launched]).when(commit('grant-1', 0)).thenThrows('GRANT.AMOUNT_NOT_POSITIVE');
  });
});

describe('programme decider: ReleaseGrantFunds', () => {
  const released = (grantId: string, amount: number): ProgrammeEvent => ({
    type: 'GrantFundsReleased',
    data: { programmeId, grantId, amount: pence(amount), reason: 'voided: entered twice' },
  });
  it('given committed funds, when part is released, then GrantFundsReleased', () => {
    spec
      .given([launched, committed('grant-1', 2_000_000)])
      .when(release('grant-1', 500_000))
      .then([released('grant-1', 500_000)]);
  });
  it('given a closed programme with committed funds, when they are released, then GrantFundsReleased', () => {
    spec
      .given([launched, committed('grant-1', 2_000_000), closed])
      .when(release('grant-1', 2_000_000))
      .then([released('grant-1', 2_000_000)]);
  });
  it('given 2,000,000 committed to a grant, when 2,000,001 is released, then GRANT.RELEASE_EXCEEDS_COMMITTED', () => {
    spec
      .given([launched, committed('grant-1', 2_000_000), committed('grant-2', 3_000_000)])
      .when(release('grant-1', 2_000_001))
      .thenThrows('GRANT.RELEASE_EXCEEDS_COMMITTED');
  });
  it('given nothing committed to a grant, when funds are released, then GRANT.RELEASE_EXCEEDS_COMMITTED', () => {
    spec.given([launched]).when(release('grant-1', 1)).thenThrows('GRANT.RELEASE_EXCEEDS_COMMITTED');
  });
  it('given no programme, when funds are released, then PROGRAMME.NOT_FOUND', () => {
    spec.given([]).when(release('grant-1', 1)).thenThrows('PROGRAMME.NOT_FOUND');
  });
  it('given committed funds, when released without a reason, then REASON_REQUIRED', () => {
    spec
      .given([launched, committed('grant-1', 2_000_000)])
      .when(release('grant-1', 1, ' '))
      .thenThrows('REASON_REQUIRED');
  });
  it('given committed funds, when zero is released, then GRANT.AMOUNT_NOT_POSITIVE', () => {
    spec
      .given([launched, committed('grant-1', 2_000_000)])
      .when(release('grant-1', 0))
      .thenThrows('GRANT.AMOUNT_NOT_POSITIVE');
  });
});

describe('programme decider: RaiseGrantBudget', () => {
  const raise = (to: number, reason = '360Giving import: 2 new grants'): ProgrammeCommand => ({
    type: 'RaiseGrantBudget',
    data: { programmeId, to: pence(to), reason },
  });
  const raised = (from: number, to: number): ProgrammeEvent => ({
    type: 'GrantBudgetRaised',
    data: { programmeId, from: pence(from), to: pence(to), reason: '360Giving import: 2 new grants' },
  });

  it('given a running programme, when its budget is raised, then GrantBudgetRaised from the old budget to the new', () => {
    spec
      .given([launched])
      .when(raise(12_500_000))
      .then([raised(10_000_000, 12_500_000)]);
  });

  it('given a budget fully committed, when raised by 2,500,000, then a 2,500,000 award fits and one penny more does not', () => {
    const history = [launched, committed('grant-1', 10_000_000), raised(10_000_000, 12_500_000)];
    spec
      .given(history)
      .when(commit('grant-2', 2_500_000))
      .then([committed('grant-2', 2_500_000)]);
    spec.given(history).when(commit('grant-2', 2_500_001)).thenThrows('GRANT.BUDGET_EXCEEDED');
  });

  it('given a running programme, when the budget is "raised" to what it is or less, then PROGRAMME.BUDGET_NOT_RAISED', () => {
    const error = spec.given([launched]).when(raise(10_000_000)).thenThrows('PROGRAMME.BUDGET_NOT_RAISED');
    expect(error.details).toEqual({ grantBudget: 10_000_000, requested: 10_000_000 });
    spec.given([launched]).when(raise(9_999_999)).thenThrows('PROGRAMME.BUDGET_NOT_RAISED');
  });

  it('given a running programme, when raised without a reason, then REASON_REQUIRED', () => {
    spec.given([launched]).when(raise(12_500_000, '  ')).thenThrows('REASON_REQUIRED');
  });

  it('given no programme, when its budget is raised, then PROGRAMME.NOT_FOUND', () => {
    spec.given([]).when(raise(12_500_000)).thenThrows('PROGRAMME.NOT_FOUND');
  });

  it('given a closed programme, when its budget is raised, then PROGRAMME.NOT_RUNNING', () => {
    spec.given([launched, closed]).when(raise(12_500_000)).thenThrows('PROGRAMME.NOT_RUNNING');
  });

  it('given two raises, when folded, then the budget is the last one and commitments are kept', () => {
    const state = fold(programmeDecider, [
      launched,
      committed('grant-1', 4_000_000),
      raised(10_000_000, 12_000_000),
      raised(12_000_000, 15_000_000),
    ]);
    expect(state).toMatchObject({ status: 'running', grantBudget: 15_000_000, committedTotal: 4_000_000 });
  });
});

describe('programme decider: evolve', () => {
  it('given commitments and releases, even after closing, when folded, then committed sums per grant', () => {
    const history: ProgrammeEvent[] = [
      launched,
      committed('grant-1', 2_000_000),
      committed('grant-2', 3_000_000),
      committed('grant-1', 500_000),
      closed,
      {
        type: 'GrantFundsReleased',
        data: { programmeId, grantId: 'grant-2', amount: pence(1_000_000), reason: 'revoked: unpaid part' },
      },
    ];
    const state = fold(programmeDecider, history);
    expect(state).toMatchObject({
      status: 'closed',
      closedOn: '2018-05-31',
      committed: { 'grant-1': 2_500_000, 'grant-2': 2_000_000 },
      committedTotal: 4_500_000,
    });
  });
});
