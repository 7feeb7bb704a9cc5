// Event builders for this folder's specs. Named *.spec.ts so the build leaves it out; jest runs only
// *.unit|int|e2e.spec.ts files, so it holds no tests of its own.
import {
  type GrantAmountCorrected,
  type GrantAwarded,
  type GrantAwardVoided,
  type GrantPaymentMade,
  type GrantRevoked,
  pence,
} from '@ledger/ledger-domain';

export const DCMS = { name: 'Department for Digital, Culture, Media and Sport', orgId: 'GB-GOR-D5' };

export const awarded = (grantId: string, data: Partial<GrantAwarded['data']> = {}): GrantAwarded => ({
  type: 'GrantAwarded',
  data: {
    grantId,
    programmeId: 'iep',
    innovatorId: 'inn-1',
    amount: pence(2_000_000),
    currency: 'GBP',
    fundingOrganisation: DCMS,
    awardedOn: '2017-10-02',
    title: `Grant ${grantId}`,
    purpose: 'Partnership accelerator grant',
    ...data,
  },
});

export const paid = (grantId: string, amount: number, paymentId = `${grantId}-p1`): GrantPaymentMade => ({
  type: 'GrantPaymentMade',
  data: { grantId, paymentId, amount: pence(amount), paidOn: '2017-11-01' },
});

export const corrected = (grantId: string, from: number, to: number): GrantAmountCorrected => ({
  type: 'GrantAmountCorrected',
  data: { grantId, from: pence(from), to: pence(to), reason: 'Typo in the award letter' },
});

export const revoked = (grantId: string): GrantRevoked => ({
  type: 'GrantRevoked',
  data: { grantId, revokedOn: '2018-02-01', reason: 'Innovator left the programme' },
});

export const voided = (grantId: string): GrantAwardVoided => ({
  type: 'GrantAwardVoided',
  data: { grantId, reason: 'Recorded against the wrong innovator' },
});
