import { describe, it } from '@jest/globals';
import { deciderSpec } from '@ledger/testing';
import { launchData, launched, NOW, programmeId } from '../shared/business-dates.fixtures.spec.js';
import type { ProgrammeCommand } from './programme.commands.js';
import { programmeDecider } from './programme.decider.js';

// The business-date rules of ADR 0019 for programmes; other rules are in programme.decider.unit.spec.ts.
const spec = deciderSpec(programmeDecider, { now: NOW });

const launch = (dates: { startDate?: string; endDate?: string }): ProgrammeCommand => ({
  type: 'LaunchProgramme',
  data: { ...launchData, ...dates },
});
const close = (closedOn: string): ProgrammeCommand => ({
  type: 'CloseProgramme',
  data: { programmeId, closedOn },
});

describe('programme dates: LaunchProgramme', () => {
  it('given today is 1 June 2018, when a programme starts today and ends in 2019, then it is launched', () => {
    const data = { ...launchData, startDate: '2018-06-01' };
    spec
      .given([])
      .when(launch({ startDate: '2018-06-01' }))
      .then([{ type: 'ProgrammeLaunched', data }]);
  });
  it('given today is 1 June 2018, when a programme is launched to start tomorrow, then DATE.IN_FUTURE', () => {
    spec
      .given([])
      .when(launch({ startDate: '2018-06-02' }))
      .thenThrows('DATE.IN_FUTURE');
  });
  it('given no programme, when it starts on 0000-01-01, then DATE.IMPLAUSIBLE', () => {
    spec
      .given([])
      .when(launch({ startDate: '0000-01-01' }))
      .thenThrows('DATE.IMPLAUSIBLE');
  });
  it('given no programme, when it ends on a day that does not exist, then DATE.INVALID', () => {
    spec
      .given([])
      .when(launch({ endDate: '2019-02-29' }))
      .thenThrows('DATE.INVALID');
  });
});

describe('programme dates: CloseProgramme', () => {
  it('given a programme started on 1 January 2018, when closed that day, then ProgrammeClosed', () => {
    spec
      .given([launched])
      .when(close('2018-01-01'))
      .then([{ type: 'ProgrammeClosed', data: { programmeId, closedOn: '2018-01-01' } }]);
  });
  it('given a programme started on 1 January 2018, when closed on 31 December 2017, then DATE.BEFORE_PROGRAMME_START', () => {
    spec.given([launched]).when(close('2017-12-31')).thenThrows('DATE.BEFORE_PROGRAMME_START');
  });
  it('given a running programme, when closed on 0000-01-01, then DATE.IMPLAUSIBLE', () => {
    spec.given([launched]).when(close('0000-01-01')).thenThrows('DATE.IMPLAUSIBLE');
  });
});
