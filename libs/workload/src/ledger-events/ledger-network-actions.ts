/**
 * Partners, introductions and partnerships of the simulated ledger. A partnership is confirmed with
 * its introduction's conversion in one append, as the application writes it (ADR 0002).
 */
import {
  INTRODUCTION_CHANNELS,
  INTRODUCTION_OUTCOMES,
  PARTNER_SECTORS,
  PARTNERSHIP_KINDS,
} from '@ledger/ledger-domain';
import {
  type IntroductionSim,
  isoDay,
  nextId,
  pickEnrolled,
  type Placed,
  type Plan,
  type ProgrammeSim,
  recent,
  stream,
  type World,
} from './ledger-world.js';

const PARTNER_NAMES = ['Northfield', 'Riverside', 'Castlegate', 'Meadowbank', 'Harbourside', 'Kingsway'];
const PARTNER_KINDS = ['Bank', 'Housing Association', 'Council', 'Energy', 'Foundation', 'Retail Group'];
const MADE_BY = ['Programme team', 'Partnerships lead', 'Events team'] as const;
const ADMIN = 'admin';

function pickOr<T>(world: World, items: readonly T[], fallback: T): T {
  return world.random.pick(items) ?? fallback;
}

/** Partners belong to no programme, so every programme may introduce every registered partner. */
export function registerPartner(world: World): Plan {
  const partnerId = nextId(world, 'pt');
  world.partners.push(partnerId);
  const name = `${pickOr(world, PARTNER_NAMES, '')} ${pickOr(world, PARTNER_KINDS, '')} (illustrative)`;
  // Personal data, with the person id a registration derives (`contact-<partnerId>`).
  const contactPerson = {
    personId: `contact-${partnerId}`,
    name: `Contact at ${partnerId}`,
    email: `${partnerId}@example.org`,
  };
  const contact = world.random.chance(0.5) ? { contactPerson } : {};
  const sector = pickOr(world, PARTNER_SECTORS, 'business');
  return {
    events: [
      [
        stream('partner', partnerId),
        { type: 'PartnerRegistered', data: { partnerId, name, sector, ...contact } },
      ],
    ],
  };
}

export function makeIntroduction(world: World, programme: ProgrammeSim): Plan | undefined {
  const innovator = pickEnrolled(world, programme);
  const partnerId = world.random.pick(world.partners);
  if (innovator === undefined || partnerId === undefined) return undefined;
  const introduction: IntroductionSim = {
    ...{ id: nextId(world, 'i', programme.id), innovatorId: innovator.id, partnerId },
    status: 'open',
  };
  programme.introductions.push(introduction);
  const data = {
    ...{ introductionId: introduction.id, programmeId: programme.id, innovatorId: innovator.id, partnerId },
    ...{ madeBy: pickOr(world, MADE_BY, 'Programme team'), madeOn: isoDay(world.day) },
    channel: pickOr(world, INTRODUCTION_CHANNELS, 'event'),
  };
  return { events: [[stream('introduction', introduction.id), { type: 'IntroductionMade', data }]] };
}

const openIntroduction = (world: World, programme: ProgrammeSim) =>
  world.random.pick(recent(programme.introductions).filter((introduction) => introduction.status === 'open'));

export function closeIntroduction(world: World, programme: ProgrammeSim): Plan | undefined {
  const introduction = openIntroduction(world, programme);
  if (introduction === undefined) return undefined;
  introduction.status = 'closed';
  const outcome = pickOr(world, INTRODUCTION_OUTCOMES, 'lapsed');
  const data = { introductionId: introduction.id, outcome, closedOn: isoDay(world.day) };
  return { events: [[stream('introduction', introduction.id), { type: 'IntroductionClosed', data }]] };
}

export function voidIntroduction(world: World, programme: ProgrammeSim): Plan | undefined {
  const candidates = recent(programme.introductions).filter(
    (i) => i.status === 'open' || i.status === 'closed',
  );
  const introduction = world.random.pick(candidates);
  if (introduction === undefined) return undefined;
  introduction.status = 'voided';
  const reason = 'Entered twice';
  const data = { introductionId: introduction.id, reason };
  return {
    events: [[stream('introduction', introduction.id), { type: 'IntroductionVoided', data }]],
    role: ADMIN,
    reason,
  };
}

export function confirmPartnership(world: World, programme: ProgrammeSim): Plan | undefined {
  const introduction = openIntroduction(world, programme);
  if (introduction === undefined) return undefined;
  introduction.status = 'converted';
  const partnershipId = nextId(world, 's', programme.id);
  programme.partnerships.push({ id: partnershipId, status: 'active' });
  const { id: introductionId, innovatorId, partnerId } = introduction;
  const on = isoDay(world.day);
  const confirmed = {
    ...{ partnershipId, introductionId, programmeId: programme.id, innovatorId, partnerId },
    ...{ kind: pickOr(world, PARTNERSHIP_KINDS, 'other'), confirmedOn: on },
  };
  const converted = { introductionId, partnershipId, convertedOn: on };
  const events: Placed[] = [
    [stream('partnership', partnershipId), { type: 'PartnershipConfirmed', data: confirmed }],
    [stream('introduction', introductionId), { type: 'IntroductionConverted', data: converted }],
  ];
  return { events };
}

/** An ended partnership was real and stays in the figures; a voided one never happened. */
export function endOrVoidPartnership(
  world: World,
  programme: ProgrammeSim,
  ending: boolean,
): Plan | undefined {
  const live = programme.partnerships.filter(
    (p) => p.status === 'active' || (!ending && p.status === 'ended'),
  );
  const partnership = world.random.pick(live);
  if (partnership === undefined) return undefined;
  partnership.status = ending ? 'ended' : 'voided';
  const at = stream('partnership', partnership.id);
  const reason = ending ? 'The pilot finished' : 'Confirmed for the wrong introduction';
  const partnershipId = partnership.id;
  const event: Placed = ending
    ? [at, { type: 'PartnershipEnded', data: { partnershipId, endedOn: isoDay(world.day), reason } }]
    : [at, { type: 'PartnershipVoided', data: { partnershipId, reason } }];
  return { events: [event], role: ADMIN, reason };
}
