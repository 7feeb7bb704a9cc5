import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@ledger/testing';
import { programmeDecider } from '../programme/programme.decider.js';
import type { ProgrammeEvent } from '../programme/programme.events.js';
import type { ProgrammeState } from '../programme/programme.state.js';
import { fold } from '../shared/decider.js';
import { pence } from '../shared/money.js';
import type { EnrolInnovator, InnovatorCommand } from './innovator.commands.js';
import { innovatorDecider } from './innovator.decider.js';
import type { IncomeReported, InnovatorEvent } from './innovator.events.js';

const NOW = '2018-06-01T12:00:00.000Z';
const spec = deciderSpec(innovatorDecider, { now: NOW });
const programmeId = 'prog-1';
const innovatorId = 'inn-1';

const programmeLaunched: ProgrammeEvent = {
  type: 'ProgrammeLaunched',
  data: {
    programmeId,
    name: 'Connected Communities Accelerator',
    funder: { name: 'DCMS', orgId: 'GB-GOR-D5' },
    deliveryPartner: { name: 'Nesta', orgId: 'GB-CHC-1144091' },
    challengeAreas: ['loneliness', 'digital-inclusion'],
    startDate: '2018-01-01',
    endDate: '2019-12-31',
    grantBudget: pence(10_000_000),
    currency: 'GBP',
    targets: {},
  },
};
const runningProgramme = fold(programmeDecider, [programmeLaunched]);
const closedProgramme = fold(programmeDecider, [
  programmeLaunched,
  { type: 'ProgrammeClosed', data: { programmeId, closedOn: '2018-05-01' } },
]);

const enrolment = {
  innovatorId,
  programmeId,
  name: 'Good Things Foundation',
  orgId: 'GB-CHC-1157607',
  challengeArea: 'digital-inclusion',
  enrolledOn: '2018-02-01',
};
const enrolled: InnovatorEvent = { type: 'InnovatorEnrolled', data: enrolment };
const withdrawn: InnovatorEvent = {
  type: 'InnovatorWithdrawn',
  data: { innovatorId, withdrawnOn: '2018-05-01', reason: 'Merged with another charity' },
};
const enrol = (
  overrides: Partial<EnrolInnovator['data']> = {},
  programme: ProgrammeState = runningProgramme,
): InnovatorCommand => ({ type: 'EnrolInnovator', data: { ...enrolment, programme, ...overrides } });

describe('innovator decider: EnrolInnovator', () => {
  it('given no innovator, when enrolled in a running programme, then InnovatorEnrolled', () => {
    spec.given([]).when(enrol()).then([enrolled]);
  });
  it('given no innovator, when enrolled with a registration number only, then InnovatorEnrolled', () => {
    const { orgId: _orgId, ...withoutOrgId } = enrolment;
    spec
      .given([])
      .when(enrol({ orgId: undefined, registrationNumber: 'CIC-0912' }))
      .then([{ type: 'InnovatorEnrolled', data: { ...withoutOrgId, registrationNumber: 'CIC-0912' } }]);
  });
  it('given an enrolled innovator, when enrolled again, then INNOVATOR.ALREADY_ENROLLED (conflict)', () => {
    expect(spec.given([enrolled]).when(enrol()).thenThrows('INNOVATOR.ALREADY_ENROLLED').kind).toBe(
      'conflict',
    );
  });
  it('given no programme, when an innovator enrols, then PROGRAMME.NOT_FOUND', () => {
    spec
      .given([])
      .when(enrol({}, { status: 'none' }))
      .thenThrows('PROGRAMME.NOT_FOUND');
  });
  it('given a closed programme, when an innovator enrols, then PROGRAMME.NOT_RUNNING', () => {
    spec.given([]).when(enrol({}, closedProgramme)).thenThrows('PROGRAMME.NOT_RUNNING');
  });
  it('given a programme, when the challenge area is not one of its own, then INNOVATOR.UNKNOWN_CHALLENGE_AREA', () => {
    spec
      .given([])
      .when(enrol({ challengeArea: 'space' }))
      .thenThrows('INNOVATOR.UNKNOWN_CHALLENGE_AREA');
  });
  it('given no innovator, when enrolled with neither org-id nor registration number, then INNOVATOR.IDENTIFIER_REQUIRED', () => {
    spec
      .given([])
      .when(enrol({ orgId: undefined }))
      .thenThrows('INNOVATOR.IDENTIFIER_REQUIRED');
    spec
      .given([])
      .when(enrol({ orgId: ' ', registrationNumber: '' }))
      .thenThrows('INNOVATOR.IDENTIFIER_REQUIRED');
  });
  it('given no innovator, when enrolled tomorrow, then DATE.IN_FUTURE', () => {
    spec
      .given([])
      .when(enrol({ enrolledOn: '2018-06-02' }))
      .thenThrows('DATE.IN_FUTURE');
  });
});

describe('innovator decider: WithdrawInnovator', () => {
  const withdraw = (
    reason = 'Merged with another charity',
    withdrawnOn = '2018-05-01',
  ): InnovatorCommand => ({
    type: 'WithdrawInnovator',
    data: { innovatorId, withdrawnOn, reason, programme: runningProgramme },
  });
  it('given an enrolled innovator, when withdrawn, then InnovatorWithdrawn', () => {
    spec.given([enrolled]).when(withdraw()).then([withdrawn]);
  });
  it('given no innovator, when withdrawn, then INNOVATOR.NOT_FOUND (not-found)', () => {
    expect(spec.given([]).when(withdraw()).thenThrows('INNOVATOR.NOT_FOUND').kind).toBe('not-found');
  });
  it('given a withdrawn innovator, when withdrawn again, then INNOVATOR.NOT_ENROLLED', () => {
    spec.given([enrolled, withdrawn]).when(withdraw()).thenThrows('INNOVATOR.NOT_ENROLLED');
  });
  it('given an enrolled innovator, when withdrawn with a blank reason, then REASON_REQUIRED', () => {
    expect(spec.given([enrolled]).when(withdraw('   ')).thenThrows('REASON_REQUIRED').kind).toBe('rule');
  });
  it('given an enrolled innovator, when withdrawn tomorrow, then DATE.IN_FUTURE', () => {
    spec.given([enrolled]).when(withdraw(undefined, '2018-06-02')).thenThrows('DATE.IN_FUTURE');
  });
});

describe('innovator decider: ReportIncome', () => {
  const income: IncomeReported['data'] = {
    innovatorId,
    incomeId: 'inc-1',
    amount: pence(1_250_000),
    currency: 'GBP',
    periodStart: '2018-01-01',
    periodEnd: '2018-03-31',
    source: 'earned',
    attributableToProgramme: true,
  };
  const reported: InnovatorEvent = { type: 'IncomeReported', data: income };
  const report = (overrides: Partial<IncomeReported['data']> = {}): InnovatorCommand => ({
    type: 'ReportIncome',
    data: { ...income, ...overrides },
  });
  it('given an enrolled innovator, when income is reported, then IncomeReported', () => {
    spec.given([enrolled]).when(report()).then([reported]);
  });
  it('given a withdrawn innovator, when income is reported, then IncomeReported', () => {
    spec.given([enrolled, withdrawn]).when(report()).then([reported]);
  });
  it('given no innovator, when income is reported, then INNOVATOR.NOT_FOUND', () => {
    spec.given([]).when(report()).thenThrows('INNOVATOR.NOT_FOUND');
  });
  it('given an innovator, when the period ends before it starts, then INCOME.INVALID_PERIOD', () => {
    spec
      .given([enrolled])
      .when(report({ periodEnd: '2017-12-31' }))
      .thenThrows('INCOME.INVALID_PERIOD');
  });
  it('given an innovator, when zero income is reported, then INCOME.AMOUNT_NOT_POSITIVE', () => {
    spec
      .given([enrolled])
      .when(report({ amount: pence(0) }))
      .thenThrows('INCOME.AMOUNT_NOT_POSITIVE');
  });
  it('given income inc-1 reported, when inc-1 is reported again, then INCOME.DUPLICATE (conflict)', () => {
    expect(spec.given([enrolled, reported]).when(report()).thenThrows('INCOME.DUPLICATE').kind).toBe(
      'conflict',
    );
  });
  it('given an innovator, when the period ends tomorrow, then DATE.IN_FUTURE', () => {
    spec
      .given([enrolled])
      .when(report({ periodEnd: '2018-06-02' }))
      .thenThrows('DATE.IN_FUTURE');
  });
});

describe('innovator decider: RecordRevenueForecast', () => {
  const forecast = {
    innovatorId,
    amount: pence(5_000_000),
    currency: 'GBP' as const,
    horizonMonths: 12,
    asOf: '2018-06-01',
  };
  const record = (overrides: Partial<typeof forecast> = {}): InnovatorCommand => ({
    type: 'RecordRevenueForecast',
    data: { ...forecast, ...overrides },
  });
  it('given an innovator, when a forecast is recorded, then RevenueForecastRecorded', () => {
    spec
      .given([enrolled])
      .when(record())
      .then([{ type: 'RevenueForecastRecorded', data: forecast }]);
  });
  it('given an innovator, when a forecast of zero over 120 months is recorded, then it is recorded', () => {
    const data = { ...forecast, amount: pence(0), horizonMonths: 120 };
    spec
      .given([enrolled])
      .when(record(data))
      .then([{ type: 'RevenueForecastRecorded', data }]);
  });
  it('given no innovator, when a forecast is recorded, then INNOVATOR.NOT_FOUND', () => {
    spec.given([]).when(record()).thenThrows('INNOVATOR.NOT_FOUND');
  });
  it('given an innovator, when the horizon is 0, 121 or 1.5 months, then FORECAST.INVALID_HORIZON', () => {
    for (const horizonMonths of [0, 121, 1.5]) {
      spec.given([enrolled]).when(record({ horizonMonths })).thenThrows('FORECAST.INVALID_HORIZON');
    }
  });
  it('given an innovator, when the forecast is negative, then FORECAST.AMOUNT_NEGATIVE', () => {
    spec
      .given([enrolled])
      .when(record({ amount: -1 as typeof forecast.amount }))
      .thenThrows('FORECAST.AMOUNT_NEGATIVE');
  });
  it('given an innovator, when the forecast is as of tomorrow, then DATE.IN_FUTURE', () => {
    spec
      .given([enrolled])
      .when(record({ asOf: '2018-06-02' }))
      .thenThrows('DATE.IN_FUTURE');
  });
});

describe('innovator decider: evolve', () => {
  it('given enrolment, income and withdrawal, when folded, then a withdrawn innovator with its income ids', () => {
    const state = fold(innovatorDecider, [
      enrolled,
      { type: 'IncomeReported', data: { ...reportedData('inc-1') } },
      withdrawn,
      { type: 'IncomeReported', data: { ...reportedData('inc-2') } },
    ]);
    expect(state).toEqual({
      status: 'withdrawn',
      innovatorId,
      programmeId,
      name: 'Good Things Foundation',
      challengeArea: 'digital-inclusion',
      enrolledOn: '2018-02-01',
      withdrawnOn: '2018-05-01',
      incomeIds: ['inc-1', 'inc-2'],
    });
  });
});

function reportedData(incomeId: string): IncomeReported['data'] {
  return {
    innovatorId,
    incomeId,
    amount: pence(100),
    currency: 'GBP',
    periodStart: '2018-01-01',
    periodEnd: '2018-01-31',
    source: 'grant',
    attributableToProgramme: false,
  };
}
