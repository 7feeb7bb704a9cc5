// The facts the business-date specs (ADR 0019) decide against. Named *.spec.ts so the build leaves it
// out; jest runs only *.unit|int|e2e.spec.ts files, so it holds no tests of its own.
import { innovatorDecider } from '../innovator/innovator.decider.js';
import type { InnovatorEnrolled, InnovatorEvent } from '../innovator/innovator.events.js';
import { programmeDecider } from '../programme/programme.decider.js';
import type { ProgrammeEvent, ProgrammeLaunched } from '../programme/programme.events.js';
import { fold } from './decider.js';
import { pence } from './money.js';

/** Today, for every decision of these specs: 1 June 2018. */
export const NOW = '2018-06-01T12:00:00.000Z';
export const programmeId = 'prog-1';
export const innovatorId = 'inn-1';

/** A programme running from 1 January 2018 to 31 December 2019. */
export const launchData: ProgrammeLaunched['data'] = {
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
};
export const launched: ProgrammeEvent = { type: 'ProgrammeLaunched', data: launchData };
export const programme = fold(programmeDecider, [launched]);

/** An innovator that joined the programme on 1 February 2018. */
export const enrolment: InnovatorEnrolled['data'] = {
  innovatorId,
  programmeId,
  name: 'Good Things Foundation',
  orgId: 'GB-CHC-1157607',
  challengeArea: 'loneliness',
  enrolledOn: '2018-02-01',
};
export const enrolled: InnovatorEvent = { type: 'InnovatorEnrolled', data: enrolment };
export const innovator = fold(innovatorDecider, [enrolled]);

/**
 * An innovator recorded, before ADR 0019, as enrolled on 1 December 2017, a month before its
 * programme started: such events stay in the log, so rules cannot assume enrolment follows the start.
 */
export const enrolledEarly: InnovatorEvent = {
  type: 'InnovatorEnrolled',
  data: { ...enrolment, enrolledOn: '2017-12-01' },
};
