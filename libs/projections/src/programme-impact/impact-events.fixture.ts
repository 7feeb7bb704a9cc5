import type { EventMetadata } from '@ledger/event-store';
import {
  pence,
  type CollaborativeProjectStarted,
  type GrantAwarded,
  type IncomeReported,
  type IncomeSource,
  type InnovatorEnrolled,
  type IntroductionMade,
  type PartnershipConfirmed,
  type ProgrammeLaunched,
  type RevenueForecastRecorded,
} from '@ledger/ledger-domain';

// Builders of the events the programme-impact projection reads, for specs. Names are illustrative.

export const CHALLENGE_AREAS = [
  'Financial inclusion and capability',
  'The transition to work for young people',
  'Mental health support',
] as const;

export function programmeLaunched(programmeId = 'iep', partnershipsTarget = 9): ProgrammeLaunched {
  return {
    type: 'ProgrammeLaunched',
    data: {
      programmeId,
      name: `Partnership accelerator ${programmeId} (illustrative)`,
      funder: { name: 'Department for Digital, Culture, Media and Sport', orgId: 'GB-GOR-D5' },
      deliveryPartner: { name: 'Nesta', orgId: 'GB-CHC-1144091' },
      challengeAreas: [...CHALLENGE_AREAS],
      startDate: '2017-08-01',
      endDate: '2018-09-30',
      grantBudget: pence(40_000_000),
      currency: 'GBP',
      targets: { partnerships: partnershipsTarget },
    },
  };
}

export function innovatorEnrolled(
  innovatorId: string,
  challengeArea: string = CHALLENGE_AREAS[0],
  options: { programmeId?: string; enrolledOn?: string; name?: string } = {},
): InnovatorEnrolled {
  const {
    programmeId = 'iep',
    enrolledOn = '2017-08-15',
    name = `Illustrative innovator ${innovatorId}`,
  } = options;
  return { type: 'InnovatorEnrolled', data: { innovatorId, programmeId, name, challengeArea, enrolledOn } };
}

export function grantAwarded(
  grantId: string,
  innovatorId: string,
  amount = 2_000_000,
  options: { programmeId?: string; awardedOn?: string } = {},
): GrantAwarded {
  const { programmeId = 'iep', awardedOn = '2017-09-01' } = options;
  const fundingOrganisation = {
    name: 'Department for Digital, Culture, Media and Sport',
    orgId: 'GB-GOR-D5',
  };
  const data = { grantId, programmeId, innovatorId, amount: pence(amount), currency: 'GBP' as const };
  return {
    type: 'GrantAwarded',
    data: { ...data, fundingOrganisation, awardedOn, title: `Grant ${grantId}`, purpose: 'Scaling plan' },
  };
}

export function introductionMade(
  introductionId: string,
  innovatorId: string,
  options: { programmeId?: string; madeOn?: string } = {},
): IntroductionMade {
  const { programmeId = 'iep', madeOn = '2017-10-02' } = options;
  const data = { introductionId, programmeId, innovatorId, partnerId: 'partner-1', madeBy: 'Programme team' };
  return { type: 'IntroductionMade', data: { ...data, madeOn, channel: 'event' } };
}

export function partnershipConfirmed(
  partnershipId: string,
  introductionId: string,
  innovatorId: string,
  options: { programmeId?: string; confirmedOn?: string } = {},
): PartnershipConfirmed {
  const { programmeId = 'iep', confirmedOn = '2017-11-15' } = options;
  const data = { partnershipId, introductionId, programmeId, innovatorId, partnerId: 'partner-1' };
  return { type: 'PartnershipConfirmed', data: { ...data, kind: 'delivery', confirmedOn } };
}

export function incomeReported(
  incomeId: string,
  innovatorId: string,
  amount: number,
  options: { source?: IncomeSource; attributable?: boolean; periodEnd?: string } = {},
): IncomeReported {
  const { source = 'earned', attributable = true, periodEnd = '2018-09-30' } = options;
  const data = {
    innovatorId,
    incomeId,
    amount: pence(amount),
    currency: 'GBP' as const,
    periodStart: '2018-04-01',
  };
  return {
    type: 'IncomeReported',
    data: { ...data, periodEnd, source, attributableToProgramme: attributable },
  };
}

export function forecastRecorded(
  innovatorId: string,
  amount: number,
  asOf = '2018-09-30',
): RevenueForecastRecorded {
  const data = { innovatorId, amount: pence(amount), currency: 'GBP' as const };
  return { type: 'RevenueForecastRecorded', data: { ...data, horizonMonths: 12, asOf } };
}

export function projectStarted(
  projectId: string,
  title: string,
  startedOn = '2018-06-01',
): CollaborativeProjectStarted {
  const data = {
    projectId,
    programmeId: 'iep',
    title,
    leadOrganisations: ['Illustrative lead organisation'],
  };
  return {
    type: 'CollaborativeProjectStarted',
    data: { ...data, challengeArea: CHALLENGE_AREAS[1], startedOn },
  };
}

/** The envelope of a correction: an admin with a reason (SPEC §3). */
export function byAdmin(reason: string, recordedAt = '2018-10-01T09:00:00.000Z') {
  const metadata: Partial<EventMetadata> = { actor: { id: 'admin-1', role: 'admin' }, reason };
  return { metadata, recordedAt };
}
