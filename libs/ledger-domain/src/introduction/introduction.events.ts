import type { DomainEvent } from '../shared/decider.js';
import type { IsoDate } from '../shared/dates.js';

export const INTRODUCTION_CHANNELS = ['event', 'one-to-one', 'online'] as const;
export type IntroductionChannel = (typeof INTRODUCTION_CHANNELS)[number];
export const INTRODUCTION_OUTCOMES = ['no-fit', 'lapsed'] as const;
export type IntroductionOutcome = (typeof INTRODUCTION_OUTCOMES)[number];

export type IntroductionMade = DomainEvent<
  'IntroductionMade',
  {
    introductionId: string;
    programmeId: string;
    innovatorId: string;
    partnerId: string;
    /** Who at the delivery partner made the introduction (a person or team name). */
    madeBy: string;
    madeOn: IsoDate;
    channel: IntroductionChannel;
  }
>;
export type IntroductionClosed = DomainEvent<
  'IntroductionClosed',
  { introductionId: string; outcome: IntroductionOutcome; closedOn: IsoDate }
>;
/**
 * Written atomically with PartnershipConfirmed: the introduction stream is where "one partnership per
 * introduction" is enforced, so two racing confirmations conflict on its revision. See docs/decisions/0002.
 */
export type IntroductionConverted = DomainEvent<
  'IntroductionConverted',
  { introductionId: string; partnershipId: string; convertedOn: IsoDate }
>;
export type IntroductionVoided = DomainEvent<
  'IntroductionVoided',
  { introductionId: string; reason: string }
>;

export type IntroductionEvent =
  IntroductionMade | IntroductionClosed | IntroductionConverted | IntroductionVoided;
