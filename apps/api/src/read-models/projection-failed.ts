import { ServiceUnavailableException } from '@nestjs/common';
import type { ProjectionFailure } from '@ledger/projections';
import { problem } from '../http/problem-details.js';

/** The stable code of a query answered 503 because a read model it depends on has stopped. */
export const PROJECTION_FAILED = 'PROJECTION.FAILED';

/** `programme-impact stopped at event e-1 (IncomeReported, position 12): UNIQUE constraint failed…` */
export function describeFailure({ name, error }: ProjectionFailure): string {
  const { eventId, eventType, position, message } = error;
  const of = [eventType, position === undefined ? undefined : `position ${position}`].filter(Boolean);
  const event =
    eventId === undefined ? '' : ` at event ${eventId}${of.length > 0 ? ` (${of.join(', ')})` : ''}`;
  return `${name} stopped${event}: ${message}`;
}

/**
 * The answer to a query whose read model a failure stopped (ADR 0018): 503 problem+json naming each
 * failed projection, the event it stopped at and the error, in the shape `GET /projections` gives,
 * rather than rows frozen at an older position under a position or seal that says otherwise.
 * `asAt` is given when the read models as at that position failed while being built.
 *
 * @example
 * const failed = await runner.failures(['programme-impact']);
 * if (failed.length > 0) throw projectionFailed(failed);
 */
export function projectionFailed(
  failures: readonly ProjectionFailure[],
  asAt?: string,
): ServiceUnavailableException {
  const when = asAt === undefined ? '' : ` as at ${asAt}`;
  const detail = `The read models this answer needs stopped${when}: ${failures.map(describeFailure).join('; ')}. It is answered again once the projection is fixed and resumes.`;
  return new ServiceUnavailableException(
    problem(503, PROJECTION_FAILED, 'A read model has stopped', detail, {
      ...(asAt === undefined ? {} : { asAt }),
      projections: failures.map(({ name, position, error }) => ({
        name,
        status: 'failed',
        position: position ?? null,
        error,
      })),
    }),
  );
}
