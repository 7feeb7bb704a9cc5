import { type Organisation, streamName } from '@ledger/ledger-domain';

/**
 * The published figures of the IEP partnership accelerator (SPEC §8, shared/seed-iep-accelerator.txt)
 * that the demo must reproduce exactly. Money in pence.
 */
export const IEP_PROGRAMME_ID = 'iep-2017';
export const IEP_PROGRAMME_STREAM = streamName('programme', IEP_PROGRAMME_ID);

export const DCMS: Organisation = {
  name: 'Department for Digital, Culture, Media and Sport',
  orgId: 'GB-GOR-D5',
};
export const NESTA: Organisation = { name: 'Nesta', orgId: 'GB-CHC-1144091' };

/** Each challenge area with the short label used in illustrative names. */
export const IEP_CHALLENGE_AREAS = [
  { area: 'financial inclusion and capability', label: 'financial inclusion' },
  { area: 'transition to work for young people', label: 'young people into work' },
  { area: 'mental health support', label: 'mental health' },
] as const;

export const IEP_FIGURES = {
  grantBudget: 36_000_000,
  grantAmount: 2_000_000,
  innovatorsPerArea: 6,
  partners: 120,
  /** Live introductions; one more is recorded twice and the duplicate voided. */
  introductions: 230,
  /** Live partnerships; one more is recorded in error and voided. */
  partnerships: 100,
  targetPartnerships: 9,
  /** Introductions that end without a partnership; the rest stay open. */
  closedIntroductions: 80,
  income: 65_000_000,
  forecast: 320_000_000,
} as const;

export const IEP_DATES = {
  start: '2017-08-01',
  end: '2018-09-30',
  enrolmentEnds: '2017-08-31',
  awardedOn: '2017-09-01',
  firstInstalment: '2017-09-15',
  secondInstalment: '2018-03-15',
  introductionsFrom: '2017-09-01',
  introductionsTo: '2018-03-31',
  /** The six months in which innovators reported income, and the date of their forecasts. */
  reportingFrom: '2018-03-01',
  reportingTo: '2018-09-30',
} as const;

/** A note printed and kept with the data: nobody should mistake the demo for real organisations. */
export const ILLUSTRATIVE_NOTE =
  'Innovator, partner and contact names in the demo are illustrative: they stand for no real organisation or person.';
