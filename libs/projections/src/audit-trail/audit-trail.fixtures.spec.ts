// Event builders for this folder's specs. Named *.spec.ts so the build leaves it out; jest runs only
// *.unit|int|e2e.spec.ts files, so it holds no tests of its own.
import type { GivenEvent } from '@ledger/testing';
import { pence } from '@ledger/ledger-domain';

const ADMIN = { actor: { id: 'admin-1', role: 'admin' } };

export const awarded = (grantId: string): GivenEvent => ({
  type: 'GrantAwarded',
  data: {
    grantId,
    programmeId: 'iep',
    innovatorId: 'inn-1',
    amount: pence(2_000_000),
    currency: 'GBP',
    fundingOrganisation: { name: 'DCMS', orgId: 'GB-GOR-D5' },
    awardedOn: '2017-10-02',
    title: 'Partnership accelerator grant',
    purpose: 'Grow partnerships',
  },
});

export const committed = (grantId: string): GivenEvent => ({
  type: 'GrantFundsCommitted',
  data: { programmeId: 'iep', grantId, amount: pence(2_000_000) },
});

export const corrected = (grantId: string, from: number, to: number, reason: string): GivenEvent => ({
  type: 'GrantAmountCorrected',
  data: { grantId, from: pence(from), to: pence(to), reason },
  metadata: { ...ADMIN, reason },
});

export const revoked = (grantId: string): GivenEvent => ({
  type: 'GrantRevoked',
  data: { grantId, revokedOn: '2018-02-01', reason: 'Left the programme' },
  metadata: { actor: { id: 'pm-1', role: 'programme-manager' }, reason: 'Left the programme' },
});

export const voided = (grantId: string): GivenEvent => ({
  type: 'GrantAwardVoided',
  data: { grantId, reason: 'Never happened' },
  metadata: { ...ADMIN, reason: 'Never happened' },
});

export const introduced = (introductionId: string): GivenEvent => ({
  type: 'IntroductionMade',
  data: {
    introductionId,
    programmeId: 'iep',
    innovatorId: 'inn-1',
    partnerId: 'par-1',
    madeBy: 'Nesta',
    madeOn: '2017-11-01',
    channel: 'event',
  },
});

export const introductionVoided = (introductionId: string): GivenEvent => ({
  type: 'IntroductionVoided',
  data: { introductionId, reason: 'Duplicate' },
  metadata: { ...ADMIN, reason: 'Duplicate' },
});

export const confirmed = (partnershipId: string, introductionId: string): GivenEvent => ({
  type: 'PartnershipConfirmed',
  data: {
    partnershipId,
    introductionId,
    programmeId: 'iep',
    innovatorId: 'inn-1',
    partnerId: 'par-1',
    kind: 'funding',
    confirmedOn: '2017-12-01',
  },
});

export const partnershipVoided = (partnershipId: string): GivenEvent => ({
  type: 'PartnershipVoided',
  data: { partnershipId, reason: 'Entered twice' },
  metadata: { ...ADMIN, reason: 'Entered twice' },
});
