/**
 * A deterministic ledger of realistic events for load and crash tests: programmes launched one after
 * another over six years, each enrolling innovators, awarding and paying grants (some corrected,
 * revoked or voided), making introductions that become partnerships, and collecting income and
 * forecasts. Every event refers only to what earlier events created, so the real projections,
 * which stop at an event naming an unknown grant, innovator or introduction, apply them all.
 */
import type { EventMetadata, EventSource, NewEvent, StreamWrite } from '@ledger/event-store';
import { SCHEMA_VERSIONS } from '@ledger/ledger-domain';
import { awardGrant, correctGrant, payGrant, revokeGrant, voidGrant } from './ledger-grant-actions.js';
import {
  closeIntroduction,
  confirmPartnership,
  endOrVoidPartnership,
  makeIntroduction,
  registerPartner,
  voidIntroduction,
} from './ledger-network-actions.js';
import {
  closeProgramme,
  enrolInnovator,
  launchProgramme,
  recordForecast,
  reportIncome,
  setTarget,
  startProject,
  withdrawInnovator,
} from './ledger-programme-actions.js';
import {
  createWorld,
  isoDay,
  MIN_PROGRAMME_DAYS,
  type Plan,
  type ProgrammeSim,
  type World,
} from './ledger-world.js';

export interface LedgerEventsOptions {
  /** Exactly this many events are generated. */
  readonly events: number;
  readonly seed?: number;
  readonly programmes?: number;
}

interface Action {
  readonly plan: (world: World, programme: ProgrammeSim) => Plan | undefined;
  /** Writes one event (never two), so it can fill the last place. */
  readonly single: boolean;
  readonly weight: (programme: ProgrammeSim, world: World) => number;
}

const fixed = (weight: number) => () => weight;

/** How often a running programme does what, on a day when it does something. */
const ACTIONS: readonly Action[] = [
  { plan: enrolInnovator, single: true, weight: ({ innovators: { length } }) => (length < 8 ? 8 : 1) },
  {
    plan: (world) => registerPartner(world),
    single: true,
    weight: (_, w) => (w.partners.length < 12 ? 6 : 0.4),
  },
  { plan: awardGrant, single: false, weight: fixed(2.5) },
  { plan: payGrant, single: true, weight: fixed(4) },
  { plan: correctGrant, single: false, weight: fixed(0.4) },
  { plan: revokeGrant, single: false, weight: fixed(0.15) },
  { plan: voidGrant, single: false, weight: fixed(0.15) },
  { plan: makeIntroduction, single: true, weight: fixed(5) },
  { plan: closeIntroduction, single: true, weight: fixed(1.5) },
  { plan: voidIntroduction, single: true, weight: fixed(0.2) },
  { plan: confirmPartnership, single: false, weight: fixed(1.5) },
  { plan: (world, p) => endOrVoidPartnership(world, p, true), single: true, weight: fixed(0.4) },
  { plan: (world, p) => endOrVoidPartnership(world, p, false), single: true, weight: fixed(0.15) },
  { plan: reportIncome, single: true, weight: fixed(2.5) },
  { plan: recordForecast, single: true, weight: fixed(1.5) },
  { plan: startProject, single: true, weight: fixed(0.3) },
  { plan: withdrawInnovator, single: true, weight: ({ innovators }) => (innovators.length > 10 ? 0.05 : 0) },
  { plan: setTarget, single: true, weight: fixed(0.05) },
];

const TOTAL_DAYS = 6 * 365;
const SOURCES: readonly EventSource[] = ['api', 'cli', 'import'];
const SOURCE_WEIGHTS = [0.85, 0.1, 0.05];
/** Draws before a programme with nothing to do falls back to registering a partner. */
const ATTEMPTS = 10;

/**
 * The events, one atomic append (`StreamWrite[]`) per command, in the order they must be appended.
 *
 * @example
 * for (const writes of ledgerEvents({ events: 50_000 })) await store.appendMultiple(writes);
 */
export function ledgerEvents({ events, seed = 2017, programmes = 24 }: LedgerEventsOptions): StreamWrite[][] {
  const world = createWorld(seed, programmes, TOTAL_DAYS - MIN_PROGRAMME_DAYS);
  const appends: StreamWrite[][] = [];
  let written = 0;
  while (written < events) {
    world.day = Math.floor((written * TOTAL_DAYS) / events);
    const plan = nextPlan(world, events - written);
    appends.push(toAppend(plan, world, appends.length));
    written += plan.events.length;
  }
  return appends;
}

/** Launches and closes are due on their dates; otherwise a running programme, the busy ones more often, acts. */
function nextPlan(world: World, remaining: number): Plan {
  const { programmes, day, random } = world;
  const due = programmes.find((p) => p.status === 'planned' && p.startDay <= day);
  if (due !== undefined) return launchProgramme(world, due);
  const over = programmes.find((p) => p.status === 'running' && p.endDay < day);
  if (over !== undefined) return closeProgramme(world, over);
  const running = programmes.filter((p) => p.status === 'running');
  const programme = running[random.weighted(running.map((p) => p.weight)) ?? -1];
  return programme === undefined ? registerPartner(world) : programmeStep(world, programme, remaining);
}

function programmeStep(world: World, programme: ProgrammeSim, remaining: number): Plan {
  const actions = ACTIONS.filter((action) => action.single || remaining > 1);
  const weights = actions.map((action) => action.weight(programme, world));
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    // A plan that does not apply (no grant to pay yet, no budget left) changes nothing: draw again.
    const plan = actions[world.random.weighted(weights) ?? -1]?.plan(world, programme);
    if (plan !== undefined) return plan;
  }
  return registerPartner(world);
}

/** One command's events with one envelope, grouped by stream in the order of their first event. */
function toAppend(plan: Plan, world: World, index: number): StreamWrite[] {
  const { random } = world;
  const commandId = `00000000-0000-4000-8000-${String(index + 1).padStart(12, '0')}`;
  const role = plan.role ?? 'programme-manager';
  const metadata: EventMetadata = {
    actor: { id: `${role}-${random.int(1, 4)}`, role },
    ...{ commandId, correlationId: commandId, causationId: commandId },
    source: SOURCES[random.weighted(SOURCE_WEIGHTS) ?? 0] ?? 'api',
    ...(plan.reason === undefined ? {} : { reason: plan.reason }),
  };
  const time = `${String(random.int(8, 18)).padStart(2, '0')}:${String(random.int(0, 59)).padStart(2, '0')}`;
  const occurredAt = `${isoDay(world.day)}T${time}:00.000Z`;
  const byStream = new Map<string, NewEvent[]>();
  for (const [stream, { type, data }] of plan.events) {
    const event: NewEvent = { type, data, schemaVersion: SCHEMA_VERSIONS[type], occurredAt, metadata };
    byStream.set(stream, [...(byStream.get(stream) ?? []), event]);
  }
  return [...byStream].map(([stream, list]) => ({ stream, expectedRevision: 'any', events: list }));
}
