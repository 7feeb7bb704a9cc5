import type { EnrolInnovatorInput, RegisterPartnerInput } from '@ledger/ledger-application';
import { type DatedStep, managerStep } from './demo-step.js';
import { IEP_CHALLENGE_AREAS, IEP_PROGRAMME_ID } from './iep-facts.js';
import type { SeededRandom } from './seeded-random.js';

/** The three collaborative projects the programme's infographic names, by challenge area. */
const PROJECTS = [
  {
    title: 'A fresh approach to supporting young people into sustainable employment in the West Midlands',
    area: IEP_CHALLENGE_AREAS[1].area,
    startedOn: '2018-05-21',
  },
  {
    title: 'A new framework for mental health reporting',
    area: IEP_CHALLENGE_AREAS[2].area,
    startedOn: '2018-06-18',
  },
  {
    title:
      'A challenge prize to find and scale ways to improve financial inclusion and capability using open banking',
    area: IEP_CHALLENGE_AREAS[0].area,
    startedOn: '2018-07-16',
  },
] as const;

/** Each project is led by an illustrative innovator of its area and an illustrative business partner. */
export function projectSteps(
  random: SeededRandom,
  innovators: readonly EnrolInnovatorInput[],
  partners: readonly RegisterPartnerInput[],
): DatedStep[] {
  const businesses = partners.filter(({ sector }) => sector === 'business');
  return PROJECTS.map(({ title, area, startedOn }, i) => {
    const innovator = random.pick(innovators.filter(({ challengeArea }) => challengeArea === area));
    return managerStep(startedOn, 'StartCollaborativeProject', {
      projectId: `iep-project-${i + 1}`,
      programmeId: IEP_PROGRAMME_ID,
      title,
      leadOrganisations: [innovator.name, random.pick(businesses).name],
      challengeArea: area,
      startedOn,
    });
  });
}
