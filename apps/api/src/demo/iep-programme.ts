import { CURRENCY, pence } from '@ledger/ledger-domain';
import { type DatedStep, type DemoStep, inRecordingOrder, managerStep } from './demo-step.js';
import { DCMS, IEP_CHALLENGE_AREAS, IEP_DATES, IEP_FIGURES, IEP_PROGRAMME_ID, NESTA } from './iep-facts.js';
import { grantSteps } from './iep-grants.js';
import { iepIntroductions, introductionSteps } from './iep-introductions.js';
import { outcomeSteps } from './iep-outcomes.js';
import { iepInnovators, iepPartners } from './iep-participants.js';
import { partnershipSteps } from './iep-partnerships.js';
import { projectSteps } from './iep-projects.js';
import { seededRandom } from './seeded-random.js';

/** The seed of the published demo. Another seed gives other illustrative data with the same totals. */
export const IEP_DEMO_SEED = 20_170_801;

/**
 * Every command that records the IEP partnership accelerator (SPEC §8), in the order a programme
 * manager would have recorded them: the same list on every call for the same seed.
 *
 * @example
 * const steps = iepProgramme();
 * steps[0]; // { kind: 'LaunchProgramme', input: { programmeId: 'iep-2017', ... }, by: 'manager' }
 */
export function iepProgramme(seed: number = IEP_DEMO_SEED): DemoStep[] {
  const random = seededRandom(seed);
  const innovators = iepInnovators(random);
  const partners = iepPartners(random);
  const introductions = iepIntroductions(random, innovators, partners);
  const steps: DatedStep[] = [
    launchStep(),
    ...innovators.map((innovator) => managerStep(innovator.enrolledOn, 'EnrolInnovator', innovator)),
    ...partners.map((partner) => managerStep(IEP_DATES.start, 'RegisterPartner', partner)),
    ...grantSteps(innovators),
    ...introductionSteps(random, introductions),
    ...partnershipSteps(random, introductions),
    ...outcomeSteps(random, innovators),
    ...projectSteps(random, innovators, partners),
  ];
  return inRecordingOrder(steps);
}

function launchStep(): DatedStep {
  return managerStep(IEP_DATES.start, 'LaunchProgramme', {
    programmeId: IEP_PROGRAMME_ID,
    name: 'Inclusive Economy Partnership: partnership accelerator',
    funder: DCMS,
    deliveryPartner: NESTA,
    challengeAreas: IEP_CHALLENGE_AREAS.map(({ area }) => area),
    startDate: IEP_DATES.start,
    endDate: IEP_DATES.end,
    grantBudget: pence(IEP_FIGURES.grantBudget),
    currency: CURRENCY,
    targets: { partnerships: IEP_FIGURES.targetPartnerships },
  });
}
