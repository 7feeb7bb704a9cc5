/**
 * Grant commands of the simulated ledger, each written as the application writes it: the grant
 * event and, in the same append, the move of funds on its programme's budget.
 */
import { CURRENCY, pence } from '@ledger/ledger-domain';
import {
  type GrantSim,
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

const PURPOSES = [
  'Scaling plan',
  'Pilot with a corporate partner',
  'Product development',
  'Impact evaluation',
  'Hiring a partnerships lead',
] as const;

/** Corrections are made by an administrator, with a reason in both the data and the metadata. */
const ADMIN = 'admin';

function funds(programme: ProgrammeSim, grant: GrantSim, delta: number, reason: string): Placed[] {
  programme.committed += delta;
  grant.committed += delta;
  const at = stream('programme', programme.id);
  const base = { programmeId: programme.id, grantId: grant.id, amount: pence(Math.abs(delta)) };
  if (delta > 0) return [[at, { type: 'GrantFundsCommitted', data: base }]];
  if (delta < 0) return [[at, { type: 'GrantFundsReleased', data: { ...base, reason } }]];
  return [];
}

const grantsWhere = (programme: ProgrammeSim, test: (grant: GrantSim) => boolean) =>
  recent(programme.grants).filter(test);

export function awardGrant(world: World, programme: ProgrammeSim): Plan | undefined {
  const { random } = world;
  const innovator = pickEnrolled(world, programme);
  const amount = random.int(50, 500) * 10_000;
  if (innovator === undefined || programme.committed + amount > programme.budget) return undefined;
  const grant: GrantSim = {
    ...{ id: nextId(world, 'g', programme.id), innovatorId: innovator.id, amount },
    ...{ paid: 0, committed: 0, payments: 0, status: 'awarded' },
  };
  programme.grants.push(grant);
  const purpose = random.pick(PURPOSES) ?? PURPOSES[0];
  const data = {
    ...{ grantId: grant.id, programmeId: programme.id, innovatorId: innovator.id },
    ...{ amount: pence(amount), currency: CURRENCY, fundingOrganisation: programme.funder },
    ...{ awardedOn: isoDay(world.day), title: `${innovator.name}: ${purpose}`, purpose },
  };
  const awarded: Placed = [stream('grant', grant.id), { type: 'GrantAwarded', data }];
  return { events: [awarded, ...funds(programme, grant, amount, '')] };
}

/** In two to four tranches; the third payment settles what is left. */
export function payGrant(world: World, programme: ProgrammeSim): Plan | undefined {
  const grant = world.random.pick(grantsWhere(programme, (g) => g.status === 'awarded' && g.paid < g.amount));
  if (grant === undefined) return undefined;
  const outstanding = grant.amount - grant.paid;
  const tranche = Math.ceil(grant.amount / world.random.int(2, 4));
  const amount = grant.payments >= 2 ? outstanding : Math.min(outstanding, tranche);
  grant.paid += amount;
  grant.payments += 1;
  const data = {
    ...{ grantId: grant.id, paymentId: `${grant.id}-pay${grant.payments}` },
    ...{ amount: pence(amount), paidOn: isoDay(world.day) },
  };
  return { events: [[stream('grant', grant.id), { type: 'GrantPaymentMade', data }]] };
}

/** Up within the budget, or down to no less than what is paid. */
export function correctGrant(world: World, programme: ProgrammeSim): Plan | undefined {
  const grant = world.random.pick(grantsWhere(programme, (g) => g.status === 'awarded'));
  if (grant === undefined) return undefined;
  const step = world.random.int(1, 20) * 10_000;
  const up = programme.committed + step <= programme.budget && world.random.chance(0.5);
  const to = up ? grant.amount + step : Math.max(grant.paid, grant.amount - step);
  if (to === grant.amount || to === 0) return undefined;
  const from = grant.amount;
  grant.amount = to;
  const reason = `The award letter said ${to} pence, not ${from}`;
  const data = { grantId: grant.id, from: pence(from), to: pence(to), reason };
  const corrected: Placed = [stream('grant', grant.id), { type: 'GrantAmountCorrected', data }];
  return { events: [corrected, ...funds(programme, grant, to - from, reason)], role: ADMIN, reason };
}

/** What was paid stays spent; the unpaid rest goes back to the budget. */
export function revokeGrant(world: World, programme: ProgrammeSim): Plan | undefined {
  const grant = world.random.pick(grantsWhere(programme, (g) => g.status === 'awarded'));
  if (grant === undefined) return undefined;
  grant.status = 'revoked';
  const reason = 'The innovator stopped trading';
  const data = { grantId: grant.id, revokedOn: isoDay(world.day), reason };
  const revoked: Placed = [stream('grant', grant.id), { type: 'GrantRevoked', data }];
  const released = funds(programme, grant, grant.paid - grant.committed, `revoked: ${reason}`);
  return { events: [revoked, ...released], role: ADMIN, reason };
}

/** Recorded in error: everything it holds goes back to the budget. A revoked award may be voided too. */
export function voidGrant(world: World, programme: ProgrammeSim): Plan | undefined {
  const grant = world.random.pick(grantsWhere(programme, (g) => g.status !== 'voided'));
  if (grant === undefined) return undefined;
  grant.status = 'voided';
  const reason = 'Recorded against the wrong innovator';
  const voided: Placed = [
    stream('grant', grant.id),
    { type: 'GrantAwardVoided', data: { grantId: grant.id, reason } },
  ];
  return {
    events: [voided, ...funds(programme, grant, -grant.committed, `voided: ${reason}`)],
    role: ADMIN,
    reason,
  };
}
