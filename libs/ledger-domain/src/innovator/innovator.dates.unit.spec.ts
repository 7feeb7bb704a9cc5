import { describe, it } from '@jest/globals';
import { deciderSpec } from '@ledger/testing';
import type { ProgrammeState } from '../programme/programme.state.js';
import {
  enrolled,
  enrolledEarly,
  enrolment,
  innovatorId,
  NOW,
  programme,
} from '../shared/business-dates.fixtures.spec.js';
import { pence } from '../shared/money.js';
import type { InnovatorCommand } from './innovator.commands.js';
import { innovatorDecider } from './innovator.decider.js';
import type { IncomeReported } from './innovator.events.js';

// The business-date rules of ADR 0019 for innovators (programme from 1 January 2018, enrolment on
// 1 February 2018); other rules are in innovator.decider.unit.spec.ts.
const spec = deciderSpec(innovatorDecider, { now: NOW });

const enrol = (enrolledOn: string): InnovatorCommand => ({
  type: 'EnrolInnovator',
  data: { ...enrolment, enrolledOn, programme },
});
const withdraw = (withdrawnOn: string, onProgramme: ProgrammeState = programme): InnovatorCommand => ({
  type: 'WithdrawInnovator',
  data: { innovatorId, withdrawnOn, reason: 'Merged with another charity', programme: onProgramme },
});
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
const report = (period: { periodStart?: string; periodEnd?: string }): InnovatorCommand => ({
  type: 'ReportIncome',
  data: { ...income, ...period },
});
const forecast = (asOf: string): InnovatorCommand => ({
  type: 'RecordRevenueForecast',
  data: { innovatorId, amount: pence(5_000_000), currency: 'GBP', horizonMonths: 12, asOf },
});

describe('innovator dates: EnrolInnovator', () => {
  it('given a programme started on 1 January 2018, when an innovator enrols that day, then InnovatorEnrolled', () => {
    spec
      .given([])
      .when(enrol('2018-01-01'))
      .then([{ type: 'InnovatorEnrolled', data: { ...enrolment, enrolledOn: '2018-01-01' } }]);
  });
  it('given a programme started on 1 January 2018, when an innovator enrols on 31 December 2017, then DATE.BEFORE_PROGRAMME_START', () => {
    spec.given([]).when(enrol('2017-12-31')).thenThrows('DATE.BEFORE_PROGRAMME_START');
  });
});

describe('innovator dates: WithdrawInnovator', () => {
  it('given an innovator enrolled on 1 February, when withdrawn that day, then InnovatorWithdrawn', () => {
    const data = { innovatorId, withdrawnOn: '2018-02-01', reason: 'Merged with another charity' };
    spec
      .given([enrolled])
      .when(withdraw('2018-02-01'))
      .then([{ type: 'InnovatorWithdrawn', data }]);
  });
  it('given an innovator enrolled on 1 February, when withdrawn on 31 January, then INNOVATOR.WITHDRAWN_BEFORE_ENROLMENT (rule)', () => {
    spec.given([enrolled]).when(withdraw('2018-01-31')).thenThrows('INNOVATOR.WITHDRAWN_BEFORE_ENROLMENT');
  });
  it('given an innovator enrolled on 1 February 2018, when withdrawn in 2017, before the programme started too, then refused', () => {
    spec.given([enrolled]).when(withdraw('2017-06-30')).thenThrows('INNOVATOR.WITHDRAWN_BEFORE_ENROLMENT');
  });
  it('given an innovator recorded as enrolled before its programme started, when withdrawn before the start, then DATE.BEFORE_PROGRAMME_START', () => {
    spec.given([enrolledEarly]).when(withdraw('2017-12-15')).thenThrows('DATE.BEFORE_PROGRAMME_START');
  });
  it('given an enrolled innovator, when withdrawn on 0000-01-01, then DATE.IMPLAUSIBLE', () => {
    spec.given([enrolled]).when(withdraw('0000-01-01')).thenThrows('DATE.IMPLAUSIBLE');
  });
  it('given an enrolled innovator whose programme is not in the ledger, when withdrawn, then PROGRAMME.NOT_FOUND', () => {
    spec
      .given([enrolled])
      .when(withdraw('2018-03-01', { status: 'none' }))
      .thenThrows('PROGRAMME.NOT_FOUND');
  });
});

describe('innovator dates: ReportIncome', () => {
  it('given an innovator enrolled on 1 February, when the period began before and ends on that day, then IncomeReported', () => {
    const data = { ...income, periodEnd: '2018-02-01' };
    spec
      .given([enrolled])
      .when(report({ periodEnd: '2018-02-01' }))
      .then([{ type: 'IncomeReported', data }]);
  });
  it('given an innovator enrolled on 1 February 2018, when the period ended on 31 January, then INCOME.BEFORE_ENROLMENT', () => {
    spec
      .given([enrolled])
      .when(report({ periodEnd: '2018-01-31' }))
      .thenThrows('INCOME.BEFORE_ENROLMENT');
  });
  it('given an enrolled innovator, when the period starts on 0000-01-01, then DATE.IMPLAUSIBLE', () => {
    spec
      .given([enrolled])
      .when(report({ periodStart: '0000-01-01' }))
      .thenThrows('DATE.IMPLAUSIBLE');
  });
  it('given an enrolled innovator, when the period starts on a day that does not exist, then DATE.INVALID', () => {
    spec
      .given([enrolled])
      .when(report({ periodStart: '2018-02-30' }))
      .thenThrows('DATE.INVALID');
  });
});

describe('innovator dates: RecordRevenueForecast', () => {
  it('given an innovator enrolled on 1 February, when a forecast is as of that day, then it is recorded', () => {
    const data = { innovatorId, amount: pence(5_000_000), currency: 'GBP' as const, horizonMonths: 12 };
    spec
      .given([enrolled])
      .when(forecast('2018-02-01'))
      .then([{ type: 'RevenueForecastRecorded', data: { ...data, asOf: '2018-02-01' } }]);
  });
  it('given an enrolled innovator, when a forecast is as of 0000-01-01, then DATE.IMPLAUSIBLE', () => {
    spec.given([enrolled]).when(forecast('0000-01-01')).thenThrows('DATE.IMPLAUSIBLE');
  });
  it('given an innovator enrolled on 1 February 2018, when a forecast is as of 31 January, then FORECAST.BEFORE_ENROLMENT', () => {
    spec.given([enrolled]).when(forecast('2018-01-31')).thenThrows('FORECAST.BEFORE_ENROLMENT');
  });
});
