/** Programmes, their innovators and what the innovators report, in the simulated ledger. */
import { CURRENCY, INCOME_SOURCES, pence, TARGET_METRICS } from '@ledger/ledger-domain';
import {
  DELIVERY_PARTNER,
  type InnovatorSim,
  isoDay,
  nextId,
  pickEnrolled,
  type Plan,
  type ProgrammeSim,
  stream,
  type World,
} from './ledger-world.js';

const FIRST = ['Bright', 'Open', 'Kind', 'Northern', 'Civic', 'Green', 'Steady', 'Common'];
const SECOND = ['Path', 'Ledger', 'Harbour', 'Circle', 'Works', 'Bridge', 'Table', 'Lantern'];
const FORM = ['CIC', 'Ltd', 'Trust', 'Co-operative'];

export function launchProgramme(world: World, programme: ProgrammeSim): Plan {
  programme.status = 'running';
  const data = {
    ...{ programmeId: programme.id, name: programme.name, funder: programme.funder },
    ...{ deliveryPartner: DELIVERY_PARTNER, challengeAreas: programme.challengeAreas },
    ...{ startDate: isoDay(programme.startDay), endDate: isoDay(programme.endDay) },
    ...{ grantBudget: pence(programme.budget), currency: CURRENCY },
    targets: { partnerships: world.random.int(5, 40), innovators: world.random.int(10, 60) },
  };
  return { events: [[stream('programme', programme.id), { type: 'ProgrammeLaunched', data }]] };
}

export function closeProgramme(world: World, programme: ProgrammeSim): Plan {
  programme.status = 'closed';
  const data = { programmeId: programme.id, closedOn: isoDay(world.day) };
  return { events: [[stream('programme', programme.id), { type: 'ProgrammeClosed', data }]] };
}

export function setTarget(world: World, programme: ProgrammeSim): Plan {
  const metric = world.random.pick(TARGET_METRICS) ?? 'partnerships';
  const data = { programmeId: programme.id, metric, value: world.random.int(5, 80) };
  return { events: [[stream('programme', programme.id), { type: 'ProgrammeTargetSet', data }]] };
}

export function enrolInnovator(world: World, programme: ProgrammeSim): Plan {
  const { random } = world;
  const id = nextId(world, 'n', programme.id);
  const name = [FIRST, SECOND, FORM].map((words) => random.pick(words) ?? '').join(' ');
  const innovator: InnovatorSim = {
    ...{ id, name, withdrawn: false, enrolledDay: world.day },
    challengeArea: random.pick(programme.challengeAreas) ?? '',
  };
  programme.innovators.push(innovator);
  const identity = random.chance(0.7)
    ? { orgId: `GB-CHC-${1_100_000 + (world.created.get('n') ?? 0)}` }
    : { registrationNumber: `SC${600_000 + (world.created.get('n') ?? 0)}` };
  const data = {
    ...{ innovatorId: id, programmeId: programme.id, name, ...identity },
    ...{ challengeArea: innovator.challengeArea, enrolledOn: isoDay(world.day) },
  };
  return { events: [[stream('innovator', id), { type: 'InnovatorEnrolled', data }]] };
}

export function withdrawInnovator(world: World, programme: ProgrammeSim): Plan | undefined {
  const innovator = pickEnrolled(world, programme);
  if (innovator === undefined) return undefined;
  innovator.withdrawn = true;
  const data = { innovatorId: innovator.id, withdrawnOn: isoDay(world.day), reason: 'Left the programme' };
  return { events: [[stream('innovator', innovator.id), { type: 'InnovatorWithdrawn', data }]] };
}

/** Income over the quarter that ended up to a month ago, but not before the innovator enrolled. */
export function reportIncome(world: World, programme: ProgrammeSim): Plan | undefined {
  const { random } = world;
  const innovator = pickEnrolled(world, programme);
  if (innovator === undefined) return undefined;
  // The draw is made either way, so every later event of the seeded workload stays as it was.
  const end = Math.max(innovator.enrolledDay, world.day - random.int(0, 30));
  const data = {
    ...{ innovatorId: innovator.id, incomeId: nextId(world, 'm', programme.id) },
    ...{ amount: pence(random.int(100, 50_000) * 100), currency: CURRENCY },
    ...{ periodStart: isoDay(end - 90), periodEnd: isoDay(end) },
    ...{ source: random.pick(INCOME_SOURCES) ?? 'earned', attributableToProgramme: random.chance(0.6) },
  };
  return { events: [[stream('innovator', innovator.id), { type: 'IncomeReported', data }]] };
}

export function recordForecast(world: World, programme: ProgrammeSim): Plan | undefined {
  const { random } = world;
  const innovator = pickEnrolled(world, programme);
  if (innovator === undefined) return undefined;
  const data = {
    ...{ innovatorId: innovator.id, amount: pence(random.int(10, 2_000) * 10_000), currency: CURRENCY },
    ...{ horizonMonths: random.pick([6, 12, 24, 36]) ?? 12, asOf: isoDay(world.day) },
  };
  return { events: [[stream('innovator', innovator.id), { type: 'RevenueForecastRecorded', data }]] };
}

/** Led by two or three of the programme's innovators. */
export function startProject(world: World, programme: ProgrammeSim): Plan | undefined {
  const leads = [0, 1, 2].map(() => world.random.pick(programme.innovators)?.name);
  const leadOrganisations = [...new Set(leads.filter((name): name is string => name !== undefined))];
  if (leadOrganisations.length < 2) return undefined;
  const projectId = nextId(world, 'j', programme.id);
  const data = {
    ...{ projectId, programmeId: programme.id, title: `Shared pilot ${projectId}`, leadOrganisations },
    ...{ challengeArea: world.random.pick(programme.challengeAreas) ?? '', startedOn: isoDay(world.day) },
  };
  return { events: [[stream('project', projectId), { type: 'CollaborativeProjectStarted', data }]] };
}
