import { assertFactDate } from '../../shared/dates.js';
import type { DecisionContext } from '../../shared/decider.js';
import { conflict, ruleBroken } from '../../shared/errors.js';
import type { RecordGrantPayment } from '../grant.commands.js';
import type { GrantEvent } from '../grant.events.js';
import type { GrantState } from '../grant.state.js';
import { requireGrant } from './require-grant.js';

/** Nothing is paid on a revoked or voided grant, and never more than the award after corrections. */
export function recordGrantPayment(
  { data }: RecordGrantPayment,
  state: GrantState,
  { now }: DecisionContext,
): GrantEvent[] {
  const grant = requireGrant(state, data.grantId);
  if (grant.status !== 'awarded') {
    throw ruleBroken('GRANT.NOT_PAYABLE', `Grant ${data.grantId} is ${grant.status}`, {
      status: grant.status,
    });
  }
  if (!(data.amount > 0)) {
    throw ruleBroken('GRANT.AMOUNT_NOT_POSITIVE', 'A payment must be above zero', { amount: data.amount });
  }
  if (grant.paymentIds.includes(data.paymentId)) {
    throw conflict('GRANT.DUPLICATE_PAYMENT', `Payment ${data.paymentId} is already recorded`, {
      paymentId: data.paymentId,
    });
  }
  if (grant.paid + data.amount > grant.amount) {
    throw ruleBroken(
      'GRANT.OVERPAID',
      `Grant ${data.grantId} has ${grant.amount - grant.paid} pence outstanding`,
      {
        awarded: grant.amount,
        paid: grant.paid,
        requested: data.amount,
      },
    );
  }
  assertFactDate(data.paidOn, now, 'paidOn');
  if (data.paidOn < grant.awardedOn) {
    throw ruleBroken(
      'GRANT.PAID_BEFORE_AWARD',
      `paidOn ${data.paidOn} is before awardedOn ${grant.awardedOn}`,
      {
        paidOn: data.paidOn,
        awardedOn: grant.awardedOn,
      },
    );
  }
  const { grantId, paymentId, amount, paidOn } = data;
  return [{ type: 'GrantPaymentMade', data: { grantId, paymentId, amount, paidOn } }];
}
