import { requireEnrolledIn } from '../../innovator/innovator.guards.js';
import {
  assertFundsAvailable,
  assertNotBeforeStart,
  requireRunningProgramme,
} from '../../programme/programme.guards.js';
import { assertFactDate, assertNotBefore } from '../../shared/dates.js';
import type { DecisionContext } from '../../shared/decider.js';
import { conflict, ruleBroken } from '../../shared/errors.js';
import type { AwardGrant } from '../grant.commands.js';
import type { GrantEvent } from '../grant.events.js';
import type { GrantState } from '../grant.state.js';

/**
 * An award to an innovator enrolled in a running programme, within what is left of its budget, dated
 * neither before the programme started nor before the innovator joined it.
 */
export function awardGrant({ data }: AwardGrant, state: GrantState, { now }: DecisionContext): GrantEvent[] {
  if (state.status !== 'none') {
    throw conflict('GRANT.ALREADY_AWARDED', `Grant ${data.grantId} is already awarded`);
  }
  if (!(data.amount > 0)) {
    throw ruleBroken('GRANT.AMOUNT_NOT_POSITIVE', 'A grant must be above zero', { amount: data.amount });
  }
  const programme = requireRunningProgramme(data.programme);
  const innovator = requireEnrolledIn(data.innovator, data.programmeId);
  assertFactDate(data.awardedOn, now, 'awardedOn');
  assertNotBeforeStart(programme, data.awardedOn, 'awardedOn');
  const enrolment = { date: innovator.enrolledOn, field: 'enrolledOn' };
  assertNotBefore(data.awardedOn, 'awardedOn', enrolment, 'GRANT.AWARDED_BEFORE_ENROLMENT');
  assertFundsAvailable(programme, data.amount);
  const {
    grantId,
    programmeId,
    innovatorId,
    amount,
    currency,
    fundingOrganisation,
    awardedOn,
    title,
    purpose,
  } = data;
  return [
    {
      type: 'GrantAwarded',
      data: {
        grantId,
        programmeId,
        innovatorId,
        amount,
        currency,
        fundingOrganisation,
        awardedOn,
        title,
        purpose,
      },
    },
  ];
}
