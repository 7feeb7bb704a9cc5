import type { EnrolInnovatorInput, RegisterPartnerInput } from '@ledger/ledger-application';
import type { PartnerSector } from '@ledger/ledger-domain';
import { dateBetween } from './demo-calendar.js';
import { IEP_CHALLENGE_AREAS, IEP_DATES, IEP_FIGURES, IEP_PROGRAMME_ID } from './iep-facts.js';
import type { SeededRandom } from './seeded-random.js';

/** How the partner pool divides between sectors; the counts add up to IEP_FIGURES.partners. */
const SECTOR_COUNTS: Readonly<Record<PartnerSector, number>> = {
  business: 66,
  'civil-society': 40,
  public: 14,
};

/** Obviously made-up people, so the personal-data features (SPEC §6) have something to forget. */
const FICTITIOUS_CONTACTS = ['Alex Example', 'Sam Placeholder', 'Jo Specimen', 'Chris Sample', 'Pat Madeup'];
const CONTACT_EVERY = 24;

export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Six innovators per challenge area, named so that nobody mistakes them for real organisations. */
export function iepInnovators(random: SeededRandom): EnrolInnovatorInput[] {
  return IEP_CHALLENGE_AREAS.flatMap(({ area, label }, areaIndex) =>
    Array.from({ length: IEP_FIGURES.innovatorsPerArea }, (_, i) => {
      const number = pad(areaIndex * IEP_FIGURES.innovatorsPerArea + i + 1, 2);
      return {
        innovatorId: `iep-innovator-${number}`,
        programmeId: IEP_PROGRAMME_ID,
        name: `Illustrative Innovator ${number} (${label})`,
        registrationNumber: `DEMO${pad(random.int(0, 999_999), 6)}`,
        challengeArea: area,
        enrolledOn: dateBetween(random, IEP_DATES.start, IEP_DATES.enrolmentEnds),
      };
    }),
  );
}

/** The business, civil-society and public leaders innovators were introduced to. */
export function iepPartners(random: SeededRandom): RegisterPartnerInput[] {
  const sectors = random.shuffle(
    Object.entries(SECTOR_COUNTS).flatMap(([sector, count]) =>
      Array<PartnerSector>(count).fill(sector as PartnerSector),
    ),
  );
  return sectors.map((sector, i) => {
    const number = pad(i + 1, 3);
    const contact = i % CONTACT_EVERY === 0 ? FICTITIOUS_CONTACTS[i / CONTACT_EVERY] : undefined;
    return {
      partnerId: `iep-partner-${number}`,
      name: `Illustrative Partner ${number} (${sector})`,
      sector,
      ...(contact === undefined ? {} : { contactPerson: fictitiousContact(contact) }),
    };
  });
}

function fictitiousContact(name: string): { name: string; email: string } {
  return { name: `${name} (fictitious)`, email: `${name.toLowerCase().replace(' ', '.')}@example.org` };
}
