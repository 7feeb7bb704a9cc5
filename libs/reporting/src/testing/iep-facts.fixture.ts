import { pence, type IncomeSource } from '@ledger/ledger-domain';
import type { Position } from '@ledger/event-store';
import type { CorrectionFact, ImpactFacts, ProgrammeFact } from '@ledger/projections';

// The IEP partnership accelerator (SPEC §8) as programme-impact facts, with the records that must
// not change the published figures: a revoked grant (stays in), a voided grant, introduction and
// partnership (drop out) and an ended partnership (stays in). Names are illustrative.

export const IEP_PERIOD = { from: '2017-08-01', to: '2018-09-30' } as const;
export const AREAS = [
  'Financial inclusion and capability',
  'Transition to work for young people',
  'Mental health support',
];

const id = (prefix: string, n: number) => `${prefix}-${String(n + 1).padStart(3, '0')}`;
const times = <T>(count: number, make: (n: number) => T): T[] =>
  Array.from({ length: count }, (_, n) => make(n));
const innovatorOf = (n: number) => id('inn', n % 18);

function correction(seq: number, type: string, entityStream: string, summary: string): CorrectionFact {
  const actor = { id: 'admin-1', role: 'admin' };
  const position = String(seq * 100) as Position;
  return {
    eventId: `event-${seq}`,
    position,
    seq,
    type,
    entityStream,
    recordedAt: `2018-10-0${seq}T09:00:00.000Z`,
    actor,
    reason: `Reason ${seq}`,
    summary,
  };
}

function incomeFact(n: number, source: IncomeSource, amount: number, attributable = true) {
  const base = { innovatorId: innovatorOf(n), amount: pence(amount), source, attributable };
  return { ...base, id: `${innovatorOf(n)}-${source}`, periodStart: '2018-04-01', periodEnd: '2018-09-30' };
}

const programme: ProgrammeFact = {
  id: 'iep',
  name: 'Illustrative partnership accelerator',
  funder: { name: 'Department for Digital, Culture, Media and Sport', orgId: 'GB-GOR-D5' },
  deliveryPartner: { name: 'Nesta', orgId: 'GB-CHC-1144091' },
  challengeAreas: AREAS,
  startDate: '2017-08-01',
  endDate: '2018-09-30',
  grantBudget: pence(40_000_000),
  targets: { partnerships: 9 },
  status: 'closed',
  closedOn: '2018-09-30',
};

function people(): Pick<ImpactFacts, 'innovators' | 'projects'> {
  const innovators = times(18, (n) => ({
    id: id('inn', n),
    name: `Illustrative innovator ${n + 1}`,
    challengeArea: AREAS[n % 3] ?? 'unknown',
    status: 'enrolled' as const,
    enrolledOn: '2017-08-15',
    withdrawnOn: null,
  }));
  const projects = times(3, (n) => ({
    id: id('project', n),
    title: `Illustrative collaborative project ${n + 1}`,
    leadOrganisations: ['Illustrative lead'],
    challengeArea: AREAS[n] ?? 'unknown',
    startedOn: '2018-06-01',
  }));
  return { innovators, projects };
}

/** 19 grants: the 18th revoked after £10,000 was paid, the 19th voided. */
function grants(): ImpactFacts['grants'] {
  return times(19, (n) => ({
    id: id('g', n),
    innovatorId: innovatorOf(n),
    title: `Grant ${n + 1}`,
    amount: pence(2_000_000),
    paid: pence(n === 17 ? 1_000_000 : 2_000_000),
    awardedOn: '2017-09-01',
    status: n === 17 ? ('revoked' as const) : n === 18 ? ('voided' as const) : ('awarded' as const),
  }));
}

/** 231 introductions (the last voided) and 101 partnerships (the 50th ended, the last voided). */
function network(): Pick<ImpactFacts, 'introductions' | 'partnerships'> {
  const introductions = times(231, (n) => ({
    id: id('intro', n),
    innovatorId: innovatorOf(n),
    madeOn: '2017-10-02',
    status: n === 230 ? ('voided' as const) : n < 100 ? ('converted' as const) : ('open' as const),
  }));
  const partnerships = times(101, (n) => ({
    id: id('p', n),
    introductionId: id('intro', n),
    innovatorId: innovatorOf(n),
    kind: 'delivery' as const,
    confirmedOn: '2018-04-01',
    status: n === 100 ? ('voided' as const) : n === 49 ? ('ended' as const) : ('active' as const),
  }));
  return { introductions, partnerships };
}

/** 18 × £20,000 earned (half attributable) + 18 × £10,000 grant + 11 × £10,000 investment = £650,000. */
function outcomes(): Pick<ImpactFacts, 'income' | 'forecasts'> {
  const income = [
    ...times(18, (n) => incomeFact(n, 'earned', 2_000_000, n % 2 === 0)),
    ...times(18, (n) => incomeFact(n, 'grant', 1_000_000)),
    ...times(11, (n) => incomeFact(n, 'investment', 1_000_000)),
  ];
  const forecasts = times(18, (n) => ({
    innovatorId: id('inn', n),
    amount: pence(n < 17 ? 17_800_000 : 17_400_000),
    horizonMonths: 12,
    asOf: '2018-09-30',
  }));
  return { income, forecasts };
}

const CORRECTIONS = [
  correction(
    1,
    'GrantAmountCorrected',
    'grant-g-001',
    'Grant g-001 amount corrected from £2,000.00 to £20,000.00',
  ),
  correction(
    2,
    'GrantRevoked',
    'grant-g-018',
    'Grant g-018 (£20,000.00) revoked on 2018-03-01; it stays in the awards made',
  ),
  correction(
    3,
    'GrantAwardVoided',
    'grant-g-019',
    'Grant g-019 (£20,000.00) voided as recorded in error; it drops out of every total',
  ),
];

/** IEP-shaped facts: 18 innovators, 18 grants of £20,000, 230 introductions, 100 partnerships vs 9. */
export function iepFacts(overrides: Partial<ImpactFacts> = {}): ImpactFacts {
  const base = { programme, period: IEP_PERIOD, grants: grants(), corrections: CORRECTIONS };
  return { ...base, ...people(), ...network(), ...outcomes(), ...overrides };
}

/** The position the IEP report is computed at in the unit specs. */
export const IEP_POSITION = '1000' as Position;
