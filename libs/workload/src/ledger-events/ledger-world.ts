/**
 * The state of the simulated ledger that ledger-events.ts writes events for: what exists so far, so
 * every generated event refers only to entities an earlier event created, as the deciders ensure.
 */
import { type LedgerEvent, type Organisation, streamName } from '@ledger/ledger-domain';
import { SeededRandom } from './seeded-random.js';

export interface InnovatorSim {
  readonly id: string;
  readonly name: string;
  readonly challengeArea: string;
  /** The day it enrolled: nothing it reports may end before it (ADR 0019). */
  readonly enrolledDay: number;
  withdrawn: boolean;
}

export interface GrantSim {
  readonly id: string;
  readonly innovatorId: string;
  /** After corrections. */
  amount: number;
  paid: number;
  /** What the grant holds of its programme's budget. */
  committed: number;
  payments: number;
  status: 'awarded' | 'revoked' | 'voided';
}

export interface IntroductionSim {
  readonly id: string;
  readonly innovatorId: string;
  readonly partnerId: string;
  status: 'open' | 'closed' | 'converted' | 'voided';
}

export interface PartnershipSim {
  readonly id: string;
  status: 'active' | 'ended' | 'voided';
}

export interface ProgrammeSim {
  readonly id: string;
  readonly name: string;
  readonly funder: Organisation;
  readonly challengeAreas: readonly string[];
  readonly startDay: number;
  readonly endDay: number;
  /** How busy the programme is relative to the others, so streams grow to uneven lengths. */
  readonly weight: number;
  readonly budget: number;
  committed: number;
  status: 'planned' | 'running' | 'closed';
  readonly innovators: InnovatorSim[];
  readonly grants: GrantSim[];
  readonly introductions: IntroductionSim[];
  readonly partnerships: PartnershipSim[];
}

export interface World {
  readonly random: SeededRandom;
  /** Days since DAY_ZERO: the date every event of the current step happens on. */
  day: number;
  readonly programmes: readonly ProgrammeSim[];
  readonly partners: string[];
  /** Per entity kind, how many were created: the next id's number. */
  readonly created: Map<string, number>;
}

/** One generated event and the stream it is appended to. */
export type Placed = readonly [stream: string, event: LedgerEvent];

/** What one command writes (atomically), with who did it and why. */
export interface Plan {
  readonly events: readonly Placed[];
  readonly role?: string;
  /** Required in the metadata of every correction. */
  readonly reason?: string;
}

const DAY_ZERO = Date.UTC(2016, 0, 4);
const DAY_MS = 86_400_000;
/** The shortest programme: every day until the last programme's start is covered by some programme. */
export const MIN_PROGRAMME_DAYS = 540;

export const CHALLENGE_AREAS = [
  'Financial inclusion and capability',
  'The transition to work for young people',
  'Mental health support',
  'Loneliness in later life',
  'Digital skills',
  'Community energy',
] as const;

const FUNDERS: readonly Organisation[] = [
  { name: 'Department for Digital, Culture, Media and Sport', orgId: 'GB-GOR-D5' },
  { name: 'Illustrative Community Foundation', orgId: 'GB-CHC-1000001' },
  { name: 'Illustrative Lottery Distributor', orgId: 'GB-GOR-PB188' },
];

export const DELIVERY_PARTNER: Organisation = { name: 'Nesta', orgId: 'GB-CHC-1144091' };

export const isoDay = (day: number): string => new Date(DAY_ZERO + day * DAY_MS).toISOString().slice(0, 10);

/** The next id of a kind, e.g. `p3-g17` (a grant of programme p3): unique, readable, the same every run. */
export function nextId(world: World, kind: string, scope?: string): string {
  const count = (world.created.get(kind) ?? 0) + 1;
  world.created.set(kind, count);
  return scope === undefined ? `${kind}${count}` : `${scope}-${kind}${count}`;
}

export const stream = streamName;

/** An innovator of the programme still enrolled, if one is found in a few draws (withdrawals are rare). */
export function pickEnrolled(world: World, programme: ProgrammeSim): InnovatorSim | undefined {
  for (let draw = 0; draw < 3; draw += 1) {
    const innovator = world.random.pick(programme.innovators);
    if (innovator !== undefined && !innovator.withdrawn) return innovator;
  }
  return undefined;
}

const RECENT = 80;

/**
 * The latest introductions or grants of a programme: what gets paid, closed or converted next. Also
 * keeps each step's search short however long the programme has run.
 */
export const recent = <T>(items: readonly T[]): readonly T[] => items.slice(-RECENT);

function programme(random: SeededRandom, index: number, startDay: number): ProgrammeSim {
  const areas = CHALLENGE_AREAS.filter(() => random.chance(0.5));
  return {
    id: `p${index + 1}`,
    name: `Partnership accelerator ${index + 1} (illustrative)`,
    funder: random.pick(FUNDERS) ?? DELIVERY_PARTNER,
    challengeAreas: areas.length > 0 ? areas : [CHALLENGE_AREAS[index % CHALLENGE_AREAS.length] ?? ''],
    startDay,
    endDay: startDay + random.int(MIN_PROGRAMME_DAYS, 2 * MIN_PROGRAMME_DAYS),
    weight: random.pick([1, 1, 2, 3, 5, 8]) ?? 1,
    budget: random.int(20, 200) * 1_000_000,
    committed: 0,
    status: 'planned',
    ...{ innovators: [], grants: [], introductions: [], partnerships: [] },
  };
}

/**
 * `programmes` programmes launched one after another, the first on day 0 and the last on day
 * `lastLaunchDay`: with launches closer together than MIN_PROGRAMME_DAYS, some programme is always running.
 */
export function createWorld(seed: number, programmes: number, lastLaunchDay: number): World {
  const random = new SeededRandom(seed);
  const spacing = lastLaunchDay / Math.max(1, programmes - 1);
  const list = Array.from({ length: programmes }, (_, index) =>
    programme(random, index, Math.floor(index * spacing)),
  );
  return { random, day: 0, programmes: list, partners: [], created: new Map() };
}
