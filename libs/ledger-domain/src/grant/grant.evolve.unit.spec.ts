import { describe, expect, it } from '@jest/globals';
import { fold } from '../shared/decider.js';
import { pence } from '../shared/money.js';
import { grantDecider } from './grant.decider.js';
import type { GrantEvent } from './grant.events.js';

const grantId = 'grant-1';
const history: GrantEvent[] = [
  {
    type: 'GrantAwarded',
    data: {
      grantId,
      programmeId: 'prog-1',
      innovatorId: 'inn-1',
      amount: pence(2_000_000),
      currency: 'GBP',
      fundingOrganisation: { name: 'DCMS', orgId: 'GB-GOR-D5' },
      awardedOn: '2018-03-01',
      title: 'Digital buddies',
      purpose: 'Volunteers who help isolated people online',
    },
  },
  {
    type: 'GrantPaymentMade',
    data: { grantId, paymentId: 'pay-1', amount: pence(500_000), paidOn: '2018-03-15' },
  },
  {
    type: 'GrantAmountCorrected',
    data: { grantId, from: pence(2_000_000), to: pence(1_200_000), reason: 'Smaller project' },
  },
  {
    type: 'GrantPaymentMade',
    data: { grantId, paymentId: 'pay-2', amount: pence(250_000), paidOn: '2018-04-15' },
  },
  { type: 'GrantRevoked', data: { grantId, revokedOn: '2018-05-01', reason: 'Project stopped' } },
];

const facts = {
  grantId,
  programmeId: 'prog-1',
  innovatorId: 'inn-1',
  awardedOn: '2018-03-01',
  amount: 1_200_000,
  paid: 750_000,
  paymentIds: ['pay-1', 'pay-2'],
  lastPaidOn: '2018-04-15',
};

describe('grant decider: evolve', () => {
  it('given award, payments, correction and revocation, when folded, then a revoked grant with its totals', () => {
    expect(fold(grantDecider, history)).toEqual({ status: 'revoked', revokedOn: '2018-05-01', ...facts });
  });
  it('given the history up to the correction, when folded, then an awarded grant of the corrected amount', () => {
    expect(fold(grantDecider, history.slice(0, 3))).toEqual({
      status: 'awarded',
      ...facts,
      paid: 500_000,
      paymentIds: ['pay-1'],
      lastPaidOn: '2018-03-15',
    });
  });
  it('given a revoked grant then voided, when folded, then a voided grant keeping its facts', () => {
    const voided: GrantEvent = { type: 'GrantAwardVoided', data: { grantId, reason: 'Entered twice' } };
    expect(fold(grantDecider, [...history, voided])).toEqual({ status: 'voided', ...facts });
  });
  it('given no events, when folded, then no grant', () => {
    expect(fold(grantDecider, [])).toEqual({ status: 'none' });
  });
});
