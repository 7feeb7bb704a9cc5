// Event builders for this folder's specs. Named *.spec.ts so the build leaves it out; jest runs only
// *.unit|int|e2e.spec.ts files, so it holds no tests of its own.
import type { GivenEvent } from '@ledger/testing';
import { type InnovatorEnrolled, pence } from '@ledger/ledger-domain';

export const enrolled = (innovatorId: string, data: Partial<InnovatorEnrolled['data']> = {}): GivenEvent => ({
  type: 'InnovatorEnrolled',
  data: {
    innovatorId,
    programmeId: 'iep',
    name: `Innovator ${innovatorId}`,
    challengeArea: 'financial-inclusion',
    enrolledOn: '2017-09-01',
    ...data,
  },
});

export const withdrawn = (innovatorId: string): GivenEvent => ({
  type: 'InnovatorWithdrawn',
  data: { innovatorId, withdrawnOn: '2018-01-15', reason: 'Closed down' },
});

export const income = (
  innovatorId: string,
  amount: number,
  attributableToProgramme: boolean,
): GivenEvent => ({
  type: 'IncomeReported',
  data: {
    innovatorId,
    incomeId: `${innovatorId}-${amount}`,
    amount: pence(amount),
    currency: 'GBP',
    periodStart: '2017-09-01',
    periodEnd: '2018-02-28',
    source: 'earned',
    attributableToProgramme,
  },
});

export const forecast = (
  innovatorId: string,
  amount: number,
  asOf: string,
  horizonMonths = 12,
): GivenEvent => ({
  type: 'RevenueForecastRecorded',
  data: { innovatorId, amount: pence(amount), currency: 'GBP', horizonMonths, asOf },
});

export const awarded = (grantId: string, innovatorId: string, amount = 2_000_000): GivenEvent => ({
  type: 'GrantAwarded',
  data: {
    grantId,
    programmeId: 'iep',
    innovatorId,
    amount: pence(amount),
    currency: 'GBP',
    fundingOrganisation: { name: 'DCMS', orgId: 'GB-GOR-D5' },
    awardedOn: '2017-10-02',
    title: 'Partnership accelerator grant',
    purpose: 'Grow partnerships',
  },
});

export const paid = (grantId: string, amount: number): GivenEvent => ({
  type: 'GrantPaymentMade',
  data: { grantId, paymentId: `${grantId}-${amount}`, amount: pence(amount), paidOn: '2017-11-01' },
});

export const corrected = (grantId: string, from: number, to: number): GivenEvent => ({
  type: 'GrantAmountCorrected',
  data: { grantId, from: pence(from), to: pence(to), reason: 'Typo' },
});

export const revoked = (grantId: string): GivenEvent => ({
  type: 'GrantRevoked',
  data: { grantId, revokedOn: '2018-02-01', reason: 'Left the programme' },
});

export const grantVoided = (grantId: string): GivenEvent => ({
  type: 'GrantAwardVoided',
  data: { grantId, reason: 'Never happened' },
});

export const introduced = (introductionId: string, innovatorId: string): GivenEvent => ({
  type: 'IntroductionMade',
  data: {
    introductionId,
    programmeId: 'iep',
    innovatorId,
    partnerId: 'par-1',
    madeBy: 'Nesta',
    madeOn: '2017-11-01',
    channel: 'event',
  },
});

export const introductionVoided = (introductionId: string): GivenEvent => ({
  type: 'IntroductionVoided',
  data: { introductionId, reason: 'Duplicate' },
});

export const confirmed = (
  partnershipId: string,
  introductionId: string,
  innovatorId: string,
): GivenEvent => ({
  type: 'PartnershipConfirmed',
  data: {
    partnershipId,
    introductionId,
    programmeId: 'iep',
    innovatorId,
    partnerId: 'par-1',
    kind: 'funding',
    confirmedOn: '2017-12-01',
  },
});

export const ended = (partnershipId: string): GivenEvent => ({
  type: 'PartnershipEnded',
  data: { partnershipId, endedOn: '2018-02-01', reason: 'Done' },
});

export const partnershipVoided = (partnershipId: string): GivenEvent => ({
  type: 'PartnershipVoided',
  data: { partnershipId, reason: 'Entered twice' },
});
