// Event builders for this folder's specs. Named *.spec.ts so the build leaves it out; jest runs only
// *.unit|int|e2e.spec.ts files, so it holds no tests of its own.
import type { GivenEvent } from '@ledger/testing';
import type { PartnerSector } from '@ledger/ledger-domain';

export const partner = (partnerId: string, sector: PartnerSector): GivenEvent => ({
  type: 'PartnerRegistered',
  data: { partnerId, name: `Partner ${partnerId}`, sector },
});

export const enrolled = (innovatorId: string, challengeArea: string, programmeId = 'iep'): GivenEvent => ({
  type: 'InnovatorEnrolled',
  data: {
    innovatorId,
    programmeId,
    name: `Innovator ${innovatorId}`,
    challengeArea,
    enrolledOn: '2017-09-01',
  },
});

export interface Introduction {
  readonly introductionId: string;
  readonly innovatorId: string;
  readonly partnerId: string;
  readonly madeOn: string;
  readonly programmeId?: string;
}

export const introduced = ({
  introductionId,
  innovatorId,
  partnerId,
  madeOn,
  programmeId,
}: Introduction): GivenEvent => ({
  type: 'IntroductionMade',
  data: {
    introductionId,
    programmeId: programmeId ?? 'iep',
    innovatorId,
    partnerId,
    madeBy: 'Nesta',
    madeOn,
    channel: 'one-to-one',
  },
});

export const closed = (introductionId: string): GivenEvent => ({
  type: 'IntroductionClosed',
  data: { introductionId, outcome: 'no-fit', closedOn: '2018-01-10' },
});

export const introductionVoided = (introductionId: string): GivenEvent => ({
  type: 'IntroductionVoided',
  data: { introductionId, reason: 'Duplicate' },
});

/** A confirmation as the write side appends it: the partnership, and its introduction converted. */
export const confirmed = (
  partnershipId: string,
  introduction: Introduction,
  confirmedOn: string,
  kind: 'funding' | 'delivery' = 'funding',
): GivenEvent[] => [
  {
    type: 'PartnershipConfirmed',
    data: {
      partnershipId,
      introductionId: introduction.introductionId,
      programmeId: introduction.programmeId ?? 'iep',
      innovatorId: introduction.innovatorId,
      partnerId: introduction.partnerId,
      kind,
      confirmedOn,
    },
  },
  {
    type: 'IntroductionConverted',
    data: { introductionId: introduction.introductionId, partnershipId, convertedOn: confirmedOn },
  },
];

export const partnershipVoided = (partnershipId: string): GivenEvent => ({
  type: 'PartnershipVoided',
  data: { partnershipId, reason: 'Entered twice' },
});
