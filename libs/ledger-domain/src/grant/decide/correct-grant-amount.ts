import { assertFundsAvailable, requireProgramme } from '../../programme/programme.guards.js';
import { ruleBroken } from '../../shared/errors.js';
import { assertReason } from '../../shared/guards.js';
import { pence } from '../../shared/money.js';
import type { CorrectGrantAmount } from '../grant.commands.js';
import type { GrantEvent } from '../grant.events.js';
import type { GrantState } from '../grant.state.js';
import { requireGrant } from './require-grant.js';

/** Corrects a live award's amount; never below what is paid, and upwards only within the budget. */
export function correctGrantAmount({ data }: CorrectGrantAmount, state: GrantState): GrantEvent[] {
  const grant = requireGrant(state, data.grantId);
  if (grant.status !== 'awarded') {
    throw ruleBroken('GRANT.NOT_CORRECTABLE', `Grant ${data.grantId} is ${grant.status}`, {
      status: grant.status,
    });
  }
  assertReason(data.reason);
  if (!(data.to > 0)) {
    throw ruleBroken('GRANT.AMOUNT_NOT_POSITIVE', 'A grant must be above zero', { amount: data.to });
  }
  if (data.to === grant.amount) {
    throw ruleBroken('GRANT.CORRECTION_UNCHANGED', `Grant ${data.grantId} is already ${grant.amount} pence`);
  }
  if (data.to < grant.paid) {
    throw ruleBroken('GRANT.CORRECTION_BELOW_PAID', `Grant ${data.grantId} has ${grant.paid} pence paid`, {
      paid: grant.paid,
      requested: data.to,
    });
  }
  if (data.to > grant.amount) {
    assertFundsAvailable(requireProgramme(data.programme), pence(data.to - grant.amount));
  }
  const { grantId, to, reason } = data;
  return [{ type: 'GrantAmountCorrected', data: { grantId, from: grant.amount, to, reason } }];
}
