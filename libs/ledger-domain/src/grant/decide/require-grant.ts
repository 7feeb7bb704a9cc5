import { type Existing, requireExisting } from '../../shared/guards.js';
import type { GrantState } from '../grant.state.js';

export type ExistingGrant = Existing<GrantState>;

export const requireGrant = (state: GrantState, grantId: string): ExistingGrant =>
  requireExisting(state, 'GRANT.NOT_FOUND', `Grant ${grantId}`);
