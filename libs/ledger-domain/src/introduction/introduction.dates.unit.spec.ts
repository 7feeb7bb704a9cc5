import { describe, it } from '@jest/globals';
import { deciderSpec } from '@ledger/testing';
import { innovatorDecider } from '../innovator/innovator.decider.js';
import type { PartnerState } from '../partner/partner.state.js';
import {
  enrolledEarly,
  innovator,
  innovatorId,
  NOW,
  programme,
  programmeId,
} from '../shared/business-dates.fixtures.spec.js';
import { fold } from '../shared/decider.js';
import type { IntroductionCommand } from './introduction.commands.js';
import { introductionDecider } from './introduction.decider.js';
import type { IntroductionEvent, IntroductionMade } from './introduction.events.js';

// The business-date rules of ADR 0019 for introductions (programme from 1 January 2018, innovator
// enrolled on 1 February 2018); other rules are in introduction.decider.unit.spec.ts.
const spec = deciderSpec(introductionDecider, { now: NOW });
const introductionId = 'intro-1';
const partnerId = 'partner-1';
const partner: PartnerState = {
  status: 'registered',
  partnerId,
  name: 'Co-op Foundation',
  sector: 'business',
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
const make = (madeOn: string, to = innovator): IntroductionCommand => ({
  type: 'MakeIntroduction',
  data: { ...madeData, madeOn, programme, innovator: to, partner },
});
const close = (closedOn: string): IntroductionCommand => ({
  type: 'CloseIntroduction',
  data: { introductionId, outcome: 'lapsed', closedOn },
});
const convert = (convertedOn: string): IntroductionCommand => ({
  type: 'ConvertIntroduction',
  data: {
    introductionId,
    partnershipId: 'ps-1',
    innovatorId,
    partnerId,
    convertedOn,
    previousPartnershipVoided: false,
  },
});

describe('introduction dates: MakeIntroduction', () => {
  it('given an innovator enrolled on 1 February, when introduced that day, then IntroductionMade', () => {
    spec
      .given([])
      .when(make('2018-02-01'))
      .then([{ type: 'IntroductionMade', data: { ...madeData, madeOn: '2018-02-01' } }]);
  });
  it('given an innovator enrolled on 1 February 2018, when introduced on 31 January, within the programme, then INTRODUCTION.MADE_BEFORE_ENROLMENT', () => {
    spec.given([]).when(make('2018-01-31')).thenThrows('INTRODUCTION.MADE_BEFORE_ENROLMENT');
  });
  it('given an innovator recorded as enrolled before its programme started, when introduced before the start, then DATE.OUTSIDE_PROGRAMME', () => {
    const early = fold(innovatorDecider, [enrolledEarly]);
    spec.given([]).when(make('2017-12-15', early)).thenThrows('DATE.OUTSIDE_PROGRAMME');
  });
});

describe('introduction dates: CloseIntroduction and ConvertIntroduction', () => {
  it('given an open introduction, when closed on 0000-01-01, then DATE.IMPLAUSIBLE rather than before it was made', () => {
    spec.given([made]).when(close('0000-01-01')).thenThrows('DATE.IMPLAUSIBLE');
  });
  it('given an open introduction, when converted on 0000-01-01, then DATE.IMPLAUSIBLE', () => {
    spec.given([made]).when(convert('0000-01-01')).thenThrows('DATE.IMPLAUSIBLE');
  });
  it('given an introduction made on 1 March, when closed after the programme ended, then IntroductionClosed', () => {
    const nowAfterEnd = deciderSpec(introductionDecider, { now: '2020-06-01T12:00:00.000Z' });
    nowAfterEnd
      .given([made])
      .when(close('2020-01-31'))
      .then([
        { type: 'IntroductionClosed', data: { introductionId, outcome: 'lapsed', closedOn: '2020-01-31' } },
      ]);
  });
});
