import { ruleBroken } from '../shared/errors.js';
import { requireExisting } from '../shared/guards.js';
import type { InnovatorState } from './innovator.state.js';

export type EnrolledInnovator = Extract<InnovatorState, { readonly status: 'enrolled' }>;

/**
 * The innovator a grant or introduction is decided against: it exists (INNOVATOR.NOT_FOUND) and is
 * enrolled in `programmeId`, not withdrawn and not in another programme (INNOVATOR.NOT_ENROLLED).
 */
export function requireEnrolledIn(innovator: InnovatorState, programmeId: string): EnrolledInnovator {
  const existing = requireExisting(innovator, 'INNOVATOR.NOT_FOUND', 'The innovator');
  if (existing.status !== 'enrolled' || existing.programmeId !== programmeId) {
    throw ruleBroken(
      'INNOVATOR.NOT_ENROLLED',
      `Innovator ${existing.innovatorId} is not enrolled in programme ${programmeId}`,
      { innovatorId: existing.innovatorId, programmeId, status: existing.status },
    );
  }
  return existing;
}
