import { assertNever, type Decider, type DecisionContext } from '../shared/decider.js';
import { addPence, pence } from '../shared/money.js';
import { awardGrant } from './decide/award-grant.js';
import { correctGrantAmount } from './decide/correct-grant-amount.js';
import { recordGrantPayment } from './decide/record-grant-payment.js';
import { revokeGrant } from './decide/revoke-grant.js';
import { voidGrantAward } from './decide/void-grant-award.js';
import type { GrantCommand } from './grant.commands.js';
import type { GrantEvent } from './grant.events.js';
import type { GrantFacts, GrantState } from './grant.state.js';

const initialState: GrantState = { status: 'none' };

function decide(command: GrantCommand, state: GrantState, context: DecisionContext): GrantEvent[] {
  switch (command.type) {
    case 'AwardGrant':
      return awardGrant(command, state, context);
    case 'RecordGrantPayment':
      return recordGrantPayment(command, state, context);
    case 'CorrectGrantAmount':
      return correctGrantAmount(command, state);
    case 'RevokeGrant':
      return revokeGrant(command, state, context);
    case 'VoidGrantAward':
      return voidGrantAward(command, state);
    default:
      return assertNever(command);
  }
}

const factsOf = ({
  grantId,
  programmeId,
  innovatorId,
  awardedOn,
  amount,
  paid,
  paymentIds,
  lastPaidOn,
}: GrantFacts): GrantFacts => ({
  grantId,
  programmeId,
  innovatorId,
  awardedOn,
  amount,
  paid,
  paymentIds,
  ...(lastPaidOn === undefined ? {} : { lastPaidOn }),
});

function evolve(state: GrantState, event: GrantEvent): GrantState {
  switch (event.type) {
    case 'GrantAwarded': {
      const { grantId, programmeId, innovatorId, awardedOn, amount } = event.data;
      return {
        status: 'awarded',
        grantId,
        programmeId,
        innovatorId,
        awardedOn,
        amount,
        paid: pence(0),
        paymentIds: [],
      };
    }
    case 'GrantPaymentMade': {
      if (state.status === 'none') return state;
      const { amount, paymentId, paidOn } = event.data;
      // Payments may be recorded out of date order; the latest date is what a revocation must follow.
      const lastPaidOn =
        state.lastPaidOn !== undefined && state.lastPaidOn > paidOn ? state.lastPaidOn : paidOn;
      return {
        ...state,
        paid: addPence(state.paid, amount),
        paymentIds: [...state.paymentIds, paymentId],
        lastPaidOn,
      };
    }
    case 'GrantAmountCorrected':
      if (state.status === 'none') return state;
      return { ...state, amount: event.data.to };
    case 'GrantRevoked':
      if (state.status === 'none') return state;
      return { ...factsOf(state), status: 'revoked', revokedOn: event.data.revokedOn };
    case 'GrantAwardVoided':
      if (state.status === 'none') return state;
      return { ...factsOf(state), status: 'voided' };
    default: {
      // An event type from a newer schema leaves the state as it is rather than failing a replay.
      const _unknown: never = event;
      return state;
    }
  }
}

export const grantDecider: Decider<GrantState, GrantCommand, GrantEvent> = { decide, evolve, initialState };
