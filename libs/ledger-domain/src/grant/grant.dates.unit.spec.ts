import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@ledger/testing';
import { innovatorDecider } from '../innovator/innovator.decider.js';
import type { InnovatorState } from '../innovator/innovator.state.js';
import {
  enrolledEarly,
  innovator,
  innovatorId,
  NOW,
  programme,
  programmeId,
} from '../shared/business-dates.fixtures.spec.js';
import { fold } from '../shared/decider.js';
import { pence } from '../shared/money.js';
import type { GrantCommand } from './grant.commands.js';
import { grantDecider } from './grant.decider.js';
import type { GrantAwarded, GrantEvent } from './grant.events.js';

// The business-date rules of ADR 0019 for grants (programme from 1 January 2018, innovator enrolled
// on 1 February 2018); other rules are in grant.decider.unit.spec.ts.
const spec = deciderSpec(grantDecider, { now: NOW });
const grantId = 'grant-1';

const awardData: GrantAwarded['data'] = {
  grantId,
  programmeId,
  innovatorId,
  amount: pence(2_000_000),
  currency: 'GBP',
  fundingOrganisation: { name: 'DCMS', orgId: 'GB-GOR-D5' },
  awardedOn: '2018-03-01',
  title: 'Digital buddies',
  purpose: 'Volunteers who help isolated people online',
};
const awarded: GrantEvent = { type: 'GrantAwarded', data: awardData };
const award = (awardedOn: string, to: InnovatorState = innovator): GrantCommand => ({
  type: 'AwardGrant',
  data: { ...awardData, awardedOn, programme, innovator: to },
});
const paid = (paymentId: string, paidOn: string): GrantEvent => ({
  type: 'GrantPaymentMade',
  data: { grantId, paymentId, amount: pence(500_000), paidOn },
});
const pay = (paidOn: string): GrantCommand => ({
  type: 'RecordGrantPayment',
  data: { grantId, paymentId: 'pay-9', amount: pence(500_000), paidOn },
});
const revoke = (revokedOn: string): GrantCommand => ({
  type: 'RevokeGrant',
  data: { grantId, revokedOn, reason: 'Project stopped' },
});

describe('grant dates: AwardGrant', () => {
  it('given an innovator enrolled on 1 February, when awarded a grant that day, then GrantAwarded', () => {
    spec
      .given([])
      .when(award('2018-02-01'))
      .then([{ type: 'GrantAwarded', data: { ...awardData, awardedOn: '2018-02-01' } }]);
  });
  it('given an innovator enrolled on 1 February 2018, when awarded a grant on 31 January, then GRANT.AWARDED_BEFORE_ENROLMENT (rule)', () => {
    const error = spec.given([]).when(award('2018-01-31')).thenThrows('GRANT.AWARDED_BEFORE_ENROLMENT');
    expect(error.kind).toBe('rule');
  });
  it('given an innovator recorded as enrolled before its programme started, when awarded a grant before the start, then DATE.BEFORE_PROGRAMME_START', () => {
    const early = fold(innovatorDecider, [enrolledEarly]);
    spec.given([]).when(award('2017-12-15', early)).thenThrows('DATE.BEFORE_PROGRAMME_START');
  });
  it('given an enrolled innovator, when awarded a grant on 0000-01-01, then DATE.IMPLAUSIBLE', () => {
    spec.given([]).when(award('0000-01-01')).thenThrows('DATE.IMPLAUSIBLE');
  });
});

describe('grant dates: RecordGrantPayment', () => {
  it('given a grant awarded on 1 March, when paid on 0000-01-01, then DATE.IMPLAUSIBLE rather than before the award', () => {
    spec.given([awarded]).when(pay('0000-01-01')).thenThrows('DATE.IMPLAUSIBLE');
  });
});

describe('grant dates: RevokeGrant', () => {
  it('given a payment on 1 April, when the grant is revoked that day, then GrantRevoked', () => {
    spec
      .given([awarded, paid('pay-1', '2018-04-01')])
      .when(revoke('2018-04-01'))
      .then([
        { type: 'GrantRevoked', data: { grantId, revokedOn: '2018-04-01', reason: 'Project stopped' } },
      ]);
  });
  it('given a payment made on 1 April, when the grant is revoked on 31 March, then GRANT.REVOKED_BEFORE_PAYMENT', () => {
    spec
      .given([awarded, paid('pay-1', '2018-04-01')])
      .when(revoke('2018-03-31'))
      .thenThrows('GRANT.REVOKED_BEFORE_PAYMENT');
  });
  it('given payments recorded out of date order, when revoked between their dates, then GRANT.REVOKED_BEFORE_PAYMENT', () => {
    spec
      .given([awarded, paid('pay-2', '2018-05-01'), paid('pay-1', '2018-04-01')])
      .when(revoke('2018-04-15'))
      .thenThrows('GRANT.REVOKED_BEFORE_PAYMENT');
  });
  it('given an awarded grant, when revoked on 1899-12-31, then DATE.IMPLAUSIBLE', () => {
    spec.given([awarded]).when(revoke('1899-12-31')).thenThrows('DATE.IMPLAUSIBLE');
  });
});
