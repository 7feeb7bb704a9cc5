import { assertFactDate, assertNotBefore } from '../../shared/dates.js';
import type { DecisionContext } from '../../shared/decider.js';
import { conflict, ruleBroken } from '../../shared/errors.js';
import { assertReason } from '../../shared/guards.js';
import type { RevokeGrant } from '../grant.commands.js';
import type { GrantEvent } from '../grant.events.js';
import type { GrantState } from '../grant.state.js';
import { requireGrant } from './require-grant.js';

/**
 * A business decision to cancel a real award; it stays in the totals of awards made. Dated after the
 * award and after every payment: nothing is paid on a revoked grant, in business time as well.
 */
export function revokeGrant(
  { data }: RevokeGrant,
  state: GrantState,
  { now }: DecisionContext,
): GrantEvent[] {
  const grant = requireGrant(state, data.grantId);
  if (grant.status === 'revoked') {
    throw conflict('GRANT.ALREADY_REVOKED', `Grant ${data.grantId} is already revoked`);
  }
  if (grant.status === 'voided') {
    throw conflict('GRANT.ALREADY_VOIDED', `Grant ${data.grantId} is voided`);
  }
  assertReason(data.reason);
  assertFactDate(data.revokedOn, now, 'revokedOn');
  if (data.revokedOn < grant.awardedOn) {
    throw ruleBroken(
      'GRANT.REVOKED_BEFORE_AWARD',
      `revokedOn ${data.revokedOn} is before awardedOn ${grant.awardedOn}`,
      {
        revokedOn: data.revokedOn,
        awardedOn: grant.awardedOn,
      },
    );
  }
  if (grant.lastPaidOn !== undefined) {
    const lastPayment = { date: grant.lastPaidOn, field: 'lastPaidOn' };
    assertNotBefore(data.revokedOn, 'revokedOn', lastPayment, 'GRANT.REVOKED_BEFORE_PAYMENT');
  }
  const { grantId, revokedOn, reason } = data;
  return [{ type: 'GrantRevoked', data: { grantId, revokedOn, reason } }];
}
