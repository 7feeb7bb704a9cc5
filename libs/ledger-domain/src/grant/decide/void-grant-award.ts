import { conflict } from '../../shared/errors.js';
import { assertReason } from '../../shared/guards.js';
import type { VoidGrantAward } from '../grant.commands.js';
import type { GrantEvent } from '../grant.events.js';
import type { GrantState } from '../grant.state.js';
import { requireGrant } from './require-grant.js';

/** The award was recorded in error: it never happened. A revoked award may be voided too. */
export function voidGrantAward({ data }: VoidGrantAward, state: GrantState): GrantEvent[] {
  const grant = requireGrant(state, data.grantId);
  if (grant.status === 'voided') {
    throw conflict('GRANT.ALREADY_VOIDED', `Grant ${data.grantId} is already voided`);
  }
  assertReason(data.reason);
  return [{ type: 'GrantAwardVoided', data: { grantId: data.grantId, reason: data.reason } }];
}
