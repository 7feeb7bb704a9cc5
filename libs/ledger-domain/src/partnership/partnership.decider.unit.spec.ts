import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@ledger/testing';
import { introductionDecider } from '../introduction/introduction.decider.js';
import type { IntroductionEvent } from '../introduction/introduction.events.js';
import type { IntroductionState } from '../introduction/introduction.state.js';
import { programmeDecider } from '../programme/programme.decider.js';
import { fold } from '../shared/decider.js';
import { pence } from '../shared/money.js';
import type { ConfirmPartnership, PartnershipCommand } from './partnership.commands.js';
import { partnershipDecider } from './partnership.decider.js';
import type { PartnershipEvent } from './partnership.events.js';

const spec = deciderSpec(partnershipDecider, { now: '2018-06-01T12:00:00.000Z' });
const programmeId = 'prog-1';
const innovatorId = 'inn-1';
const partnerId = 'partner-1';
const introductionId = 'intro-1';
const partnershipId = 'ps-1';

const programme = fold(programmeDecider, [
  {
    type: 'ProgrammeLaunched',
    data: {
      programmeId,
      name: 'Connected Communities Accelerator',
      funder: { name: 'DCMS', orgId: 'GB-GOR-D5' },
      deliveryPartner: { name: 'Nesta', orgId: 'GB-CHC-1144091' },
      challengeAreas: ['loneliness'],
      startDate: '2018-01-01',
      endDate: '2018-05-15',
      grantBudget: pence(10_000_000),
      currency: 'GBP',
      targets: { partnerships: 9 },
    },
  },
]);
const made: IntroductionEvent = {
  type: 'IntroductionMade',
  data: {
    introductionId,
    programmeId,
    innovatorId,
    partnerId,
    madeBy: 'Team',
    madeOn: '2018-03-01',
    channel: 'online',
  },
};
const introduction = (...after: IntroductionEvent[]): IntroductionState =>
  fold(introductionDecider, [made, ...after]);
const converted: IntroductionEvent = {
  type: 'IntroductionConverted',
  data: { introductionId, partnershipId: 'ps-0', convertedOn: '2018-03-15' },
};

const confirmed: PartnershipEvent = {
  type: 'PartnershipConfirmed',
  data: {
    partnershipId,
    introductionId,
    programmeId,
    innovatorId,
    partnerId,
    kind: 'funding',
    confirmedOn: '2018-04-01',
  },
};
const ended: PartnershipEvent = {
  type: 'PartnershipEnded',
  data: { partnershipId, endedOn: '2018-05-01', reason: 'Funding round complete' },
};
const voided: PartnershipEvent = {
  type: 'PartnershipVoided',
  data: { partnershipId, reason: 'Entered twice' },
};

const confirm = (overrides: Partial<ConfirmPartnership['data']> = {}): PartnershipCommand => ({
  type: 'ConfirmPartnership',
  data: {
    partnershipId,
    introductionId,
    innovatorId,
    partnerId,
    kind: 'funding',
    confirmedOn: '2018-04-01',
    introduction: introduction(),
    programme,
    previousPartnershipVoided: false,
    ...overrides,
  },
});
const end = (reason = 'Funding round complete', endedOn = '2018-05-01'): PartnershipCommand => ({
  type: 'EndPartnership',
  data: { partnershipId, endedOn, reason },
});
const voidPartnership = (reason = 'Entered twice'): PartnershipCommand => ({
  type: 'VoidPartnership',
  data: { partnershipId, reason },
});

describe('partnership decider: ConfirmPartnership', () => {
  it('given an open introduction, when a partnership is confirmed, then PartnershipConfirmed with its programme', () => {
    spec.given([]).when(confirm()).then([confirmed]);
  });
  it('given an introduction whose partnership was voided, when confirmed again, then PartnershipConfirmed', () => {
    spec
      .given([])
      .when(confirm({ introduction: introduction(converted), previousPartnershipVoided: true }))
      .then([confirmed]);
  });
  it('given a confirmed partnership, when confirmed again, then PARTNERSHIP.ALREADY_CONFIRMED (conflict)', () => {
    const error = spec.given([confirmed]).when(confirm()).thenThrows('PARTNERSHIP.ALREADY_CONFIRMED');
    expect(error.kind).toBe('conflict');
  });
  it('given no introduction, when a partnership is confirmed, then INTRODUCTION.NOT_FOUND', () => {
    spec
      .given([])
      .when(confirm({ introduction: { status: 'none' } }))
      .thenThrows('INTRODUCTION.NOT_FOUND');
  });
  it('given a converted introduction, when another partnership is confirmed, then INTRODUCTION.ALREADY_CONVERTED', () => {
    spec
      .given([])
      .when(confirm({ introduction: introduction(converted) }))
      .thenThrows('INTRODUCTION.ALREADY_CONVERTED');
  });
  it('given a closed introduction, when a partnership is confirmed, then INTRODUCTION.NOT_OPEN', () => {
    const closed: IntroductionEvent = {
      type: 'IntroductionClosed',
      data: { introductionId, outcome: 'lapsed', closedOn: '2018-03-10' },
    };
    spec
      .given([])
      .when(confirm({ introduction: introduction(closed) }))
      .thenThrows('INTRODUCTION.NOT_OPEN');
  });
  it('given a voided introduction, when a partnership is confirmed, then INTRODUCTION.NOT_OPEN', () => {
    const voidedIntro: IntroductionEvent = {
      type: 'IntroductionVoided',
      data: { introductionId, reason: 'Error' },
    };
    spec
      .given([])
      .when(confirm({ introduction: introduction(voidedIntro) }))
      .thenThrows('INTRODUCTION.NOT_OPEN');
  });
  it('given an introduction, when the partnership names another innovator and partner, then INTRODUCTION.MISMATCH', () => {
    const error = spec
      .given([])
      .when(confirm({ innovatorId: 'inn-2', partnerId: 'partner-2' }))
      .thenThrows('INTRODUCTION.MISMATCH');
    expect(error.details).toMatchObject({ fields: ['innovatorId', 'partnerId'] });
  });
  it('given no programme, when a partnership is confirmed, then PROGRAMME.NOT_FOUND', () => {
    spec
      .given([])
      .when(confirm({ programme: { status: 'none' } }))
      .thenThrows('PROGRAMME.NOT_FOUND');
  });
  it('given an introduction, when the partnership is confirmed tomorrow, then DATE.IN_FUTURE', () => {
    spec
      .given([])
      .when(confirm({ confirmedOn: '2018-06-02' }))
      .thenThrows('DATE.IN_FUTURE');
  });
  it('given a programme ending 15 May, when a partnership is confirmed on 16 May, then DATE.OUTSIDE_PROGRAMME', () => {
    spec
      .given([])
      .when(confirm({ confirmedOn: '2018-05-16' }))
      .thenThrows('DATE.OUTSIDE_PROGRAMME');
  });
  it('given an introduction made on 1 March, when confirmed on 28 February, then PARTNERSHIP.BEFORE_INTRODUCTION', () => {
    spec
      .given([])
      .when(confirm({ confirmedOn: '2018-02-28' }))
      .thenThrows('PARTNERSHIP.BEFORE_INTRODUCTION');
  });
  it('given an introduction, when the partnership is confirmed on 0000-01-01, then DATE.IMPLAUSIBLE', () => {
    spec
      .given([])
      .when(confirm({ confirmedOn: '0000-01-01' }))
      .thenThrows('DATE.IMPLAUSIBLE');
  });
});

describe('partnership decider: EndPartnership', () => {
  it('given an active partnership, when ended, then PartnershipEnded', () => {
    spec.given([confirmed]).when(end()).then([ended]);
  });
  it('given no partnership, when ended, then PARTNERSHIP.NOT_FOUND (not-found)', () => {
    expect(spec.given([]).when(end()).thenThrows('PARTNERSHIP.NOT_FOUND').kind).toBe('not-found');
  });
  it('given an ended or voided partnership, when ended, then PARTNERSHIP.NOT_ACTIVE', () => {
    spec.given([confirmed, ended]).when(end()).thenThrows('PARTNERSHIP.NOT_ACTIVE');
    spec.given([confirmed, voided]).when(end()).thenThrows('PARTNERSHIP.NOT_ACTIVE');
  });
  it('given an active partnership, when ended without a reason, then REASON_REQUIRED', () => {
    spec.given([confirmed]).when(end('  ')).thenThrows('REASON_REQUIRED');
  });
  it('given an active partnership, when ended tomorrow, then DATE.IN_FUTURE', () => {
    spec.given([confirmed]).when(end(undefined, '2018-06-02')).thenThrows('DATE.IN_FUTURE');
  });
  it('given a partnership confirmed on 1 April, when ended on 31 March, then PARTNERSHIP.ENDED_BEFORE_CONFIRMED', () => {
    spec
      .given([confirmed])
      .when(end(undefined, '2018-03-31'))
      .thenThrows('PARTNERSHIP.ENDED_BEFORE_CONFIRMED');
  });
  it('given an active partnership, when ended on 1899-12-31, then DATE.IMPLAUSIBLE', () => {
    spec.given([confirmed]).when(end(undefined, '1899-12-31')).thenThrows('DATE.IMPLAUSIBLE');
  });
});

describe('partnership decider: VoidPartnership', () => {
  it('given an active or ended partnership, when voided, then PartnershipVoided', () => {
    spec.given([confirmed]).when(voidPartnership()).then([voided]);
    spec.given([confirmed, ended]).when(voidPartnership()).then([voided]);
  });
  it('given no partnership, when voided, then PARTNERSHIP.NOT_FOUND', () => {
    spec.given([]).when(voidPartnership()).thenThrows('PARTNERSHIP.NOT_FOUND');
  });
  it('given a voided partnership, when voided again, then PARTNERSHIP.ALREADY_VOIDED (conflict)', () => {
    const error = spec
      .given([confirmed, voided])
      .when(voidPartnership())
      .thenThrows('PARTNERSHIP.ALREADY_VOIDED');
    expect(error.kind).toBe('conflict');
  });
  it('given an active partnership, when voided with a blank reason, then REASON_REQUIRED', () => {
    spec.given([confirmed]).when(voidPartnership('')).thenThrows('REASON_REQUIRED');
  });
});

describe('partnership decider: evolve', () => {
  it('given a partnership confirmed then ended, when folded, then ended on its date', () => {
    expect(fold(partnershipDecider, [confirmed, ended])).toEqual({
      status: 'ended',
      endedOn: '2018-05-01',
      partnershipId,
      introductionId,
      programmeId,
      confirmedOn: '2018-04-01',
    });
  });
});
