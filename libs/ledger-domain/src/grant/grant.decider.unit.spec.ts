import { describe, expect, it } from '@jest/globals';
import { deciderSpec } from '@ledger/testing';
import { innovatorDecider } from '../innovator/innovator.decider.js';
import type { InnovatorEvent } from '../innovator/innovator.events.js';
import type { InnovatorState } from '../innovator/innovator.state.js';
import { programmeDecider } from '../programme/programme.decider.js';
import type { ProgrammeEvent } from '../programme/programme.events.js';
import type { ProgrammeState } from '../programme/programme.state.js';
import { fold } from '../shared/decider.js';
import { pence } from '../shared/money.js';
import type { AwardGrant, GrantCommand } from './grant.commands.js';
import { grantDecider } from './grant.decider.js';
import type { GrantAwarded, GrantEvent } from './grant.events.js';

const spec = deciderSpec(grantDecider, { now: '2018-06-01T12:00:00.000Z' });
const programmeId = 'prog-1';
const innovatorId = 'inn-1';
const grantId = 'grant-1';

const launched: ProgrammeEvent = {
  type: 'ProgrammeLaunched',
  data: {
    programmeId,
    name: 'Connected Communities Accelerator',
    funder: { name: 'DCMS', orgId: 'GB-GOR-D5' },
    deliveryPartner: { name: 'Nesta', orgId: 'GB-CHC-1144091' },
    challengeAreas: ['loneliness'],
    startDate: '2018-01-01',
    endDate: '2019-12-31',
    grantBudget: pence(10_000_000),
    currency: 'GBP',
    targets: {},
  },
};
/** A running programme with 7,000,000 of its 10,000,000 committed: 3,000,000 left. */
const programme = fold(programmeDecider, [
  launched,
  { type: 'GrantFundsCommitted', data: { programmeId, grantId: 'grant-0', amount: pence(5_000_000) } },
  { type: 'GrantFundsCommitted', data: { programmeId, grantId, amount: pence(2_000_000) } },
]);
const closedProgramme = fold(programmeDecider, [
  launched,
  { type: 'ProgrammeClosed', data: { programmeId, closedOn: '2018-05-01' } },
]);
const innovatorEnrolled: InnovatorEvent = {
  type: 'InnovatorEnrolled',
  data: {
    innovatorId,
    programmeId,
    name: 'Good Things Foundation',
    orgId: 'GB-CHC-1157607',
    challengeArea: 'loneliness',
    enrolledOn: '2018-02-01',
  },
};
const innovator = fold(innovatorDecider, [innovatorEnrolled]);

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
const paid = (paymentId: string, amount: number, paidOn = '2018-04-01'): GrantEvent => ({
  type: 'GrantPaymentMade',
  data: { grantId, paymentId, amount: pence(amount), paidOn },
});
const revoked: GrantEvent = {
  type: 'GrantRevoked',
  data: { grantId, revokedOn: '2018-05-01', reason: 'Project stopped' },
};
const voided: GrantEvent = { type: 'GrantAwardVoided', data: { grantId, reason: 'Entered twice' } };

const award = (
  overrides: Partial<GrantAwarded['data']> = {},
  states: { programme?: ProgrammeState; innovator?: InnovatorState } = {},
): GrantCommand => {
  const data: AwardGrant['data'] = { ...awardData, programme, innovator, ...states, ...overrides };
  return { type: 'AwardGrant', data };
};
const pay = (paymentId: string, amount: number, paidOn = '2018-04-01'): GrantCommand => ({
  type: 'RecordGrantPayment',
  data: { grantId, paymentId, amount: pence(amount), paidOn },
});
const correct = (
  to: number,
  reason = 'Budget line was mistyped',
  on: ProgrammeState = programme,
): GrantCommand => ({
  type: 'CorrectGrantAmount',
  data: { grantId, to: pence(to), reason, programme: on },
});
const revoke = (reason = 'Project stopped', revokedOn = '2018-05-01'): GrantCommand => ({
  type: 'RevokeGrant',
  data: { grantId, revokedOn, reason },
});
const voidAward = (reason = 'Entered twice'): GrantCommand => ({
  type: 'VoidGrantAward',
  data: { grantId, reason },
});

describe('grant decider: AwardGrant', () => {
  it('given an enrolled innovator and budget left, when a grant is awarded, then GrantAwarded', () => {
    spec.given([]).when(award()).then([awarded]);
  });
  it('given 3,000,000 left in the budget, when exactly 3,000,000 is awarded, then GrantAwarded', () => {
    spec
      .given([])
      .when(award({ amount: pence(3_000_000) }))
      .then([{ type: 'GrantAwarded', data: { ...awardData, amount: pence(3_000_000) } }]);
  });
  it('given an awarded grant, when awarded again, then GRANT.ALREADY_AWARDED (conflict)', () => {
    expect(spec.given([awarded]).when(award()).thenThrows('GRANT.ALREADY_AWARDED').kind).toBe('conflict');
  });
  it('given no grant, when zero is awarded, then GRANT.AMOUNT_NOT_POSITIVE', () => {
    spec
      .given([])
      .when(award({ amount: pence(0) }))
      .thenThrows('GRANT.AMOUNT_NOT_POSITIVE');
  });
  it('given no programme, when a grant is awarded, then PROGRAMME.NOT_FOUND', () => {
    spec
      .given([])
      .when(award({}, { programme: { status: 'none' } }))
      .thenThrows('PROGRAMME.NOT_FOUND');
  });
  it('given a closed programme, when a grant is awarded, then PROGRAMME.NOT_RUNNING', () => {
    spec
      .given([])
      .when(award({}, { programme: closedProgramme }))
      .thenThrows('PROGRAMME.NOT_RUNNING');
  });
  it('given no innovator, when a grant is awarded, then INNOVATOR.NOT_FOUND', () => {
    spec
      .given([])
      .when(award({}, { innovator: { status: 'none' } }))
      .thenThrows('INNOVATOR.NOT_FOUND');
  });
  it('given a withdrawn innovator, when a grant is awarded, then INNOVATOR.NOT_ENROLLED', () => {
    const withdrawn = fold(innovatorDecider, [
      innovatorEnrolled,
      { type: 'InnovatorWithdrawn', data: { innovatorId, withdrawnOn: '2018-02-15', reason: 'Closed down' } },
    ]);
    spec
      .given([])
      .when(award({}, { innovator: withdrawn }))
      .thenThrows('INNOVATOR.NOT_ENROLLED');
  });
  it('given an innovator enrolled in another programme, when a grant is awarded, then INNOVATOR.NOT_ENROLLED', () => {
    const elsewhere = fold(innovatorDecider, [
      { type: 'InnovatorEnrolled', data: { ...innovatorEnrolled.data, programmeId: 'prog-2' } },
    ]);
    spec
      .given([])
      .when(award({}, { innovator: elsewhere }))
      .thenThrows('INNOVATOR.NOT_ENROLLED');
  });
  it('given no grant, when awarded tomorrow, then DATE.IN_FUTURE', () => {
    spec
      .given([])
      .when(award({ awardedOn: '2018-06-02' }))
      .thenThrows('DATE.IN_FUTURE');
  });
  it('given 3,000,000 left in the budget, when 3,000,001 is awarded, then GRANT.BUDGET_EXCEEDED', () => {
    const error = spec
      .given([])
      .when(award({ amount: pence(3_000_001) }))
      .thenThrows('GRANT.BUDGET_EXCEEDED');
    expect(error.details).toEqual({ budget: 10_000_000, committed: 7_000_000, requested: 3_000_001 });
  });
});

describe('grant decider: RecordGrantPayment', () => {
  it('given an awarded grant, when a payment is made, then GrantPaymentMade', () => {
    spec
      .given([awarded])
      .when(pay('pay-1', 500_000))
      .then([paid('pay-1', 500_000)]);
  });
  it('given an awarded grant, when paid in full on the award date, then GrantPaymentMade', () => {
    spec
      .given([awarded, paid('pay-1', 500_000)])
      .when(pay('pay-2', 1_500_000, '2018-03-01'))
      .then([paid('pay-2', 1_500_000, '2018-03-01')]);
  });
  it('given no grant, when a payment is made, then GRANT.NOT_FOUND (not-found)', () => {
    expect(spec.given([]).when(pay('pay-1', 1)).thenThrows('GRANT.NOT_FOUND').kind).toBe('not-found');
  });
  it('given a revoked grant, when a payment is made, then GRANT.NOT_PAYABLE', () => {
    spec.given([awarded, revoked]).when(pay('pay-1', 1)).thenThrows('GRANT.NOT_PAYABLE');
  });
  it('given a voided grant, when a payment is made, then GRANT.NOT_PAYABLE', () => {
    spec.given([awarded, voided]).when(pay('pay-1', 1)).thenThrows('GRANT.NOT_PAYABLE');
  });
  it('given an awarded grant, when a zero payment is made, then GRANT.AMOUNT_NOT_POSITIVE', () => {
    spec.given([awarded]).when(pay('pay-1', 0)).thenThrows('GRANT.AMOUNT_NOT_POSITIVE');
  });
  it('given payment pay-1 recorded, when pay-1 is recorded again, then GRANT.DUPLICATE_PAYMENT (conflict)', () => {
    const error = spec
      .given([awarded, paid('pay-1', 1)])
      .when(pay('pay-1', 1))
      .thenThrows('GRANT.DUPLICATE_PAYMENT');
    expect(error.kind).toBe('conflict');
  });
  it('given an awarded grant, when a payment exceeds the outstanding amount, then GRANT.OVERPAID', () => {
    const error = spec
      .given([awarded, paid('pay-1', 1_500_000)])
      .when(pay('pay-2', 500_001))
      .thenThrows('GRANT.OVERPAID');
    expect(error.details).toEqual({ awarded: 2_000_000, paid: 1_500_000, requested: 500_001 });
  });
  it('given a grant corrected down, when a payment exceeds the corrected amount, then GRANT.OVERPAID', () => {
    const corrected: GrantEvent = {
      type: 'GrantAmountCorrected',
      data: { grantId, from: pence(2_000_000), to: pence(1_000_000), reason: 'Smaller project' },
    };
    spec.given([awarded, corrected]).when(pay('pay-1', 1_000_001)).thenThrows('GRANT.OVERPAID');
  });
  it('given a grant awarded on 1 March, when paid on 28 February, then GRANT.PAID_BEFORE_AWARD', () => {
    spec
      .given([awarded])
      .when(pay('pay-1', 1, '2018-02-28'))
      .thenThrows('GRANT.PAID_BEFORE_AWARD');
  });
  it('given an awarded grant, when paid tomorrow, then DATE.IN_FUTURE', () => {
    spec
      .given([awarded])
      .when(pay('pay-1', 1, '2018-06-02'))
      .thenThrows('DATE.IN_FUTURE');
  });
});

describe('grant decider: CorrectGrantAmount', () => {
  const corrected = (from: number, to: number): GrantEvent => ({
    type: 'GrantAmountCorrected',
    data: { grantId, from: pence(from), to: pence(to), reason: 'Budget line was mistyped' },
  });
  it('given an awarded grant, when corrected down, then GrantAmountCorrected', () => {
    spec
      .given([awarded])
      .when(correct(1_500_000))
      .then([corrected(2_000_000, 1_500_000)]);
  });
  it('given 3,000,000 left in the budget, when corrected up by 3,000,000, then GrantAmountCorrected', () => {
    spec
      .given([awarded])
      .when(correct(5_000_000))
      .then([corrected(2_000_000, 5_000_000)]);
  });
  it('given no grant, when corrected, then GRANT.NOT_FOUND', () => {
    spec.given([]).when(correct(1)).thenThrows('GRANT.NOT_FOUND');
  });
  it('given a revoked or voided grant, when corrected, then GRANT.NOT_CORRECTABLE', () => {
    spec.given([awarded, revoked]).when(correct(1_000_000)).thenThrows('GRANT.NOT_CORRECTABLE');
    spec.given([awarded, voided]).when(correct(1_000_000)).thenThrows('GRANT.NOT_CORRECTABLE');
  });
  it('given an awarded grant, when corrected with a blank reason, then REASON_REQUIRED', () => {
    spec.given([awarded]).when(correct(1_000_000, '\t ')).thenThrows('REASON_REQUIRED');
  });
  it('given an awarded grant, when corrected to zero, then GRANT.AMOUNT_NOT_POSITIVE', () => {
    spec.given([awarded]).when(correct(0)).thenThrows('GRANT.AMOUNT_NOT_POSITIVE');
  });
  it('given a grant of 2,000,000, when corrected to 2,000,000, then GRANT.CORRECTION_UNCHANGED', () => {
    spec.given([awarded]).when(correct(2_000_000)).thenThrows('GRANT.CORRECTION_UNCHANGED');
  });
  it('given 1,500,000 paid, when corrected to 1,499,999, then GRANT.CORRECTION_BELOW_PAID', () => {
    spec
      .given([awarded, paid('pay-1', 1_500_000)])
      .when(correct(1_499_999))
      .thenThrows('GRANT.CORRECTION_BELOW_PAID');
  });
  it('given 3,000,000 left in the budget, when corrected up by 3,000,001, then GRANT.BUDGET_EXCEEDED', () => {
    const error = spec.given([awarded]).when(correct(5_000_001)).thenThrows('GRANT.BUDGET_EXCEEDED');
    expect(error.details).toEqual({ budget: 10_000_000, committed: 7_000_000, requested: 3_000_001 });
  });
  it('given no programme loaded, when corrected down, then the budget is not consulted', () => {
    spec
      .given([awarded])
      .when(correct(1_000_000, undefined, { status: 'none' }))
      .then([corrected(2_000_000, 1_000_000)]);
  });
});

describe('grant decider: RevokeGrant', () => {
  it('given an awarded grant, when revoked, then GrantRevoked', () => {
    spec.given([awarded]).when(revoke()).then([revoked]);
  });
  it('given no grant, when revoked, then GRANT.NOT_FOUND', () => {
    spec.given([]).when(revoke()).thenThrows('GRANT.NOT_FOUND');
  });
  it('given a revoked grant, when revoked again, then GRANT.ALREADY_REVOKED (conflict)', () => {
    expect(spec.given([awarded, revoked]).when(revoke()).thenThrows('GRANT.ALREADY_REVOKED').kind).toBe(
      'conflict',
    );
  });
  it('given a voided grant, when revoked, then GRANT.ALREADY_VOIDED (conflict)', () => {
    expect(spec.given([awarded, voided]).when(revoke()).thenThrows('GRANT.ALREADY_VOIDED').kind).toBe(
      'conflict',
    );
  });
  it('given an awarded grant, when revoked without a reason, then REASON_REQUIRED', () => {
    spec.given([awarded]).when(revoke('')).thenThrows('REASON_REQUIRED');
  });
  it('given an awarded grant, when revoked tomorrow, then DATE.IN_FUTURE', () => {
    spec.given([awarded]).when(revoke(undefined, '2018-06-02')).thenThrows('DATE.IN_FUTURE');
  });
  it('given a grant awarded on 1 March, when revoked on 28 February, then GRANT.REVOKED_BEFORE_AWARD', () => {
    spec.given([awarded]).when(revoke(undefined, '2018-02-28')).thenThrows('GRANT.REVOKED_BEFORE_AWARD');
  });
});

describe('grant decider: VoidGrantAward', () => {
  it('given an awarded grant, when voided, then GrantAwardVoided', () => {
    spec.given([awarded]).when(voidAward()).then([voided]);
  });
  it('given a revoked grant, when voided, then GrantAwardVoided', () => {
    spec.given([awarded, revoked]).when(voidAward()).then([voided]);
  });
  it('given no grant, when voided, then GRANT.NOT_FOUND', () => {
    spec.given([]).when(voidAward()).thenThrows('GRANT.NOT_FOUND');
  });
  it('given a voided grant, when voided again, then GRANT.ALREADY_VOIDED', () => {
    spec.given([awarded, voided]).when(voidAward()).thenThrows('GRANT.ALREADY_VOIDED');
  });
  it('given an awarded grant, when voided with a blank reason, then REASON_REQUIRED', () => {
    spec.given([awarded]).when(voidAward(' ')).thenThrows('REASON_REQUIRED');
  });
});
