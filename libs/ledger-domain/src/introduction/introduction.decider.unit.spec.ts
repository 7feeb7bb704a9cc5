import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@ledger/testing';
import { innovatorDecider } from '../innovator/innovator.decider.js';
import type { InnovatorEvent } from '../innovator/innovator.events.js';
import type { InnovatorState } from '../innovator/innovator.state.js';
import type { PartnerState } from '../partner/partner.state.js';
import { programmeDecider } from '../programme/programme.decider.js';
import type { ProgrammeEvent } from '../programme/programme.events.js';
import type { ProgrammeState } from '../programme/programme.state.js';
import { fold } from '../shared/decider.js';
import { pence } from '../shared/money.js';
import type { ConvertIntroduction, IntroductionCommand } from './introduction.commands.js';
import { introductionDecider } from './introduction.decider.js';
import type { IntroductionEvent, IntroductionMade } from './introduction.events.js';

const spec = deciderSpec(introductionDecider, { now: '2018-06-01T12:00:00.000Z' });
const programmeId = 'prog-1';
const innovatorId = 'inn-1';
const partnerId = 'partner-1';
const introductionId = 'intro-1';

const launched: ProgrammeEvent = {
  type: 'ProgrammeLaunched',
  data: {
    programmeId,
    name: 'Connected Communities Accelerator',
    funder: { name: 'DCMS', orgId: 'GB-GOR-D5' },
    deliveryPartner: { name: 'Nesta', orgId: 'GB-CHC-1144091' },
    challengeAreas: ['loneliness'],
    startDate: '2018-02-01',
    endDate: '2019-12-31',
    grantBudget: pence(10_000_000),
    currency: 'GBP',
    targets: {},
  },
};
const programme = fold(programmeDecider, [launched]);
const innovatorEnrolled: InnovatorEvent = {
  type: 'InnovatorEnrolled',
  data: {
    innovatorId,
    programmeId,
    name: 'Good Things',
    orgId: 'GB-CHC-1157607',
    challengeArea: 'loneliness',
    enrolledOn: '2018-02-01',
  },
};
const innovator = fold(innovatorDecider, [innovatorEnrolled]);
const partner: PartnerState = {
  status: 'registered',
  partnerId,
  name: 'Co-op Foundation',
  sector: 'civil-society',
};

const madeData: IntroductionMade['data'] = {
  introductionId,
  programmeId,
  innovatorId,
  partnerId,
  madeBy: 'Partnerships team',
  madeOn: '2018-03-01',
  channel: 'event',
};
const made: IntroductionEvent = { type: 'IntroductionMade', data: madeData };
const closed: IntroductionEvent = {
  type: 'IntroductionClosed',
  data: { introductionId, outcome: 'no-fit', closedOn: '2018-04-01' },
};
const converted: IntroductionEvent = {
  type: 'IntroductionConverted',
  data: { introductionId, partnershipId: 'ps-1', convertedOn: '2018-04-01' },
};
const voided: IntroductionEvent = {
  type: 'IntroductionVoided',
  data: { introductionId, reason: 'Entered twice' },
};

const make = (
  overrides: Partial<IntroductionMade['data']> = {},
  states: { programme?: ProgrammeState; innovator?: InnovatorState; partner?: PartnerState } = {},
): IntroductionCommand => ({
  type: 'MakeIntroduction',
  data: { ...madeData, programme, innovator, partner, ...states, ...overrides },
});
const close = (closedOn = '2018-04-01'): IntroductionCommand => ({
  type: 'CloseIntroduction',
  data: { introductionId, outcome: 'no-fit', closedOn },
});
const convert = (overrides: Partial<ConvertIntroduction['data']> = {}): IntroductionCommand => ({
  type: 'ConvertIntroduction',
  data: {
    introductionId,
    partnershipId: 'ps-1',
    innovatorId,
    partnerId,
    convertedOn: '2018-04-01',
    previousPartnershipVoided: false,
    ...overrides,
  },
});
const voidIntroduction = (reason = 'Entered twice'): IntroductionCommand => ({
  type: 'VoidIntroduction',
  data: { introductionId, reason },
});

describe('introduction decider: MakeIntroduction', () => {
  it('given an enrolled innovator and a registered partner, when introduced, then IntroductionMade', () => {
    spec.given([]).when(make()).then([made]);
  });
  it('given an introduction, when made again, then INTRODUCTION.ALREADY_MADE (conflict)', () => {
    expect(spec.given([made]).when(make()).thenThrows('INTRODUCTION.ALREADY_MADE').kind).toBe('conflict');
  });
  it('given no programme, when an introduction is made, then PROGRAMME.NOT_FOUND', () => {
    spec
      .given([])
      .when(make({}, { programme: { status: 'none' } }))
      .thenThrows('PROGRAMME.NOT_FOUND');
  });
  it('given a closed programme, when an introduction is made, then PROGRAMME.NOT_RUNNING', () => {
    const closedProgramme = fold(programmeDecider, [
      launched,
      { type: 'ProgrammeClosed', data: { programmeId, closedOn: '2018-05-01' } },
    ]);
    spec
      .given([])
      .when(make({}, { programme: closedProgramme }))
      .thenThrows('PROGRAMME.NOT_RUNNING');
  });
  it('given no innovator, when an introduction is made, then INNOVATOR.NOT_FOUND', () => {
    spec
      .given([])
      .when(make({}, { innovator: { status: 'none' } }))
      .thenThrows('INNOVATOR.NOT_FOUND');
  });
  it('given a withdrawn innovator, when an introduction is made, then INNOVATOR.NOT_ENROLLED', () => {
    const withdrawn = fold(innovatorDecider, [
      innovatorEnrolled,
      { type: 'InnovatorWithdrawn', data: { innovatorId, withdrawnOn: '2018-02-15', reason: 'Closed down' } },
    ]);
    spec
      .given([])
      .when(make({}, { innovator: withdrawn }))
      .thenThrows('INNOVATOR.NOT_ENROLLED');
  });
  it('given an innovator of another programme, when an introduction is made, then INNOVATOR.NOT_ENROLLED', () => {
    const elsewhere = fold(innovatorDecider, [
      { type: 'InnovatorEnrolled', data: { ...innovatorEnrolled.data, programmeId: 'prog-2' } },
    ]);
    spec
      .given([])
      .when(make({}, { innovator: elsewhere }))
      .thenThrows('INNOVATOR.NOT_ENROLLED');
  });
  it('given no partner, when an introduction is made, then PARTNER.NOT_FOUND', () => {
    spec
      .given([])
      .when(make({}, { partner: { status: 'none' } }))
      .thenThrows('PARTNER.NOT_FOUND');
  });
  it('given a programme, when an introduction is made tomorrow, then DATE.IN_FUTURE', () => {
    spec
      .given([])
      .when(make({ madeOn: '2018-06-02' }))
      .thenThrows('DATE.IN_FUTURE');
  });
  it('given a programme from 1 February, when an introduction is made on 31 January, then DATE.OUTSIDE_PROGRAMME', () => {
    spec
      .given([])
      .when(make({ madeOn: '2018-01-31' }))
      .thenThrows('DATE.OUTSIDE_PROGRAMME');
  });
});

describe('introduction decider: CloseIntroduction', () => {
  it('given an open introduction, when closed, then IntroductionClosed', () => {
    spec.given([made]).when(close()).then([closed]);
  });
  it('given no introduction, when closed, then INTRODUCTION.NOT_FOUND (not-found)', () => {
    expect(spec.given([]).when(close()).thenThrows('INTRODUCTION.NOT_FOUND').kind).toBe('not-found');
  });
  it('given a closed, converted or voided introduction, when closed, then INTRODUCTION.NOT_OPEN', () => {
    for (const after of [closed, converted, voided]) {
      spec.given([made, after]).when(close()).thenThrows('INTRODUCTION.NOT_OPEN');
    }
  });
  it('given an open introduction, when closed tomorrow, then DATE.IN_FUTURE', () => {
    spec.given([made]).when(close('2018-06-02')).thenThrows('DATE.IN_FUTURE');
  });
  it('given an introduction made on 1 March, when closed on 28 February, then INTRODUCTION.CLOSED_BEFORE_MADE', () => {
    spec.given([made]).when(close('2018-02-28')).thenThrows('INTRODUCTION.CLOSED_BEFORE_MADE');
  });
});

describe('introduction decider: ConvertIntroduction', () => {
  it('given an open introduction, when converted, then IntroductionConverted', () => {
    spec.given([made]).when(convert()).then([converted]);
  });
  it('given a converted introduction whose partnership was voided, when converted again, then IntroductionConverted', () => {
    const again: IntroductionEvent = {
      type: 'IntroductionConverted',
      data: { introductionId, partnershipId: 'ps-2', convertedOn: '2018-05-01' },
    };
    spec
      .given([made, converted])
      .when(convert({ partnershipId: 'ps-2', convertedOn: '2018-05-01', previousPartnershipVoided: true }))
      .then([again]);
  });
  it('given no introduction, when converted, then INTRODUCTION.NOT_FOUND', () => {
    spec.given([]).when(convert()).thenThrows('INTRODUCTION.NOT_FOUND');
  });
  it('given a converted introduction, when converted again, then INTRODUCTION.ALREADY_CONVERTED (conflict)', () => {
    const error = spec
      .given([made, converted])
      .when(convert({ partnershipId: 'ps-2' }))
      .thenThrows('INTRODUCTION.ALREADY_CONVERTED');
    expect(error.kind).toBe('conflict');
  });
  it('given a closed or voided introduction, when converted, then INTRODUCTION.NOT_OPEN', () => {
    spec.given([made, closed]).when(convert()).thenThrows('INTRODUCTION.NOT_OPEN');
    spec
      .given([made, voided])
      .when(convert({ previousPartnershipVoided: true }))
      .thenThrows('INTRODUCTION.NOT_OPEN');
  });
  it('given an introduction, when converted for another partner, then INTRODUCTION.MISMATCH naming partnerId', () => {
    const error = spec
      .given([made])
      .when(convert({ partnerId: 'partner-2' }))
      .thenThrows('INTRODUCTION.MISMATCH');
    expect(error.details).toMatchObject({ fields: ['partnerId'] });
  });
  it('given an introduction, when converted for another innovator, then INTRODUCTION.MISMATCH naming innovatorId', () => {
    const error = spec
      .given([made])
      .when(convert({ innovatorId: 'inn-2' }))
      .thenThrows('INTRODUCTION.MISMATCH');
    expect(error.details).toMatchObject({ fields: ['innovatorId'] });
  });
  it('given an open introduction, when converted tomorrow, then DATE.IN_FUTURE', () => {
    spec
      .given([made])
      .when(convert({ convertedOn: '2018-06-02' }))
      .thenThrows('DATE.IN_FUTURE');
  });
  it('given an introduction made on 1 March, when converted on 28 February, then PARTNERSHIP.BEFORE_INTRODUCTION', () => {
    spec
      .given([made])
      .when(convert({ convertedOn: '2018-02-28' }))
      .thenThrows('PARTNERSHIP.BEFORE_INTRODUCTION');
  });
});

describe('introduction decider: VoidIntroduction', () => {
  it('given an open, closed or converted introduction, when voided, then IntroductionVoided', () => {
    for (const history of [[made], [made, closed], [made, converted]]) {
      spec.given(history).when(voidIntroduction()).then([voided]);
    }
  });
  it('given no introduction, when voided, then INTRODUCTION.NOT_FOUND', () => {
    spec.given([]).when(voidIntroduction()).thenThrows('INTRODUCTION.NOT_FOUND');
  });
  it('given a voided introduction, when voided again, then INTRODUCTION.ALREADY_VOIDED (conflict)', () => {
    const error = spec
      .given([made, voided])
      .when(voidIntroduction())
      .thenThrows('INTRODUCTION.ALREADY_VOIDED');
    expect(error.kind).toBe('conflict');
  });
  it('given an open introduction, when voided with a blank reason, then REASON_REQUIRED', () => {
    spec.given([made]).when(voidIntroduction(' ')).thenThrows('REASON_REQUIRED');
  });
});

describe('introduction decider: evolve', () => {
  it('given an introduction converted, when folded, then converted with its partnership', () => {
    expect(fold(introductionDecider, [made, converted])).toEqual({
      status: 'converted',
      partnershipId: 'ps-1',
      introductionId,
      programmeId,
      innovatorId,
      partnerId,
      madeOn: '2018-03-01',
    });
  });
});
