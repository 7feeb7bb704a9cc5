import {
  INCOME_SOURCES,
  INTRODUCTION_CHANNELS,
  INTRODUCTION_OUTCOMES,
  PARTNER_SECTORS,
  PARTNERSHIP_KINDS,
  TARGET_METRICS,
} from '@ledger/ledger-domain';
import { CHALLENGE_AREAS, awardBody, DCMS, enrolBody, launchBody, NESTA } from '../iep-fixtures.js';

/**
 * What a request DTO declares for one field, written from the documented formats (README "API",
 * the request classes), not read from the validators: the hostile-input tests break fields by these
 * rules, so a validator that lets a broken field through fails the tests instead of hiding it.
 */
export type Field =
  | { readonly kind: 'id' | 'date' | 'orgId' | 'email' | 'bool' | 'pence'; readonly optional?: boolean }
  /** A non-empty string of at most `max` UTF-16 units; `allowEmpty` when '' is accepted too. */
  | {
      readonly kind: 'text';
      readonly max: number;
      readonly optional?: boolean;
      readonly allowEmpty?: boolean;
    }
  /** A safe integer from `min`, to `max` when given. */
  | { readonly kind: 'int'; readonly min: number; readonly max?: number; readonly optional?: boolean }
  | { readonly kind: 'enum'; readonly values: readonly string[]; readonly optional?: boolean }
  /** A non-empty array of at most `maxItems` non-empty strings of at most `maxLength` units. */
  | {
      readonly kind: 'strings';
      readonly maxItems: number;
      readonly maxLength: number;
      readonly optional?: boolean;
    }
  | { readonly kind: 'object'; readonly fields: Fields; readonly optional?: boolean };

export type Fields = Readonly<Record<string, Field>>;

/** The real entities the hostile requests aim at: a ledger with some of everything. */
export interface World {
  readonly programmeId: string;
  readonly innovatorId: string;
  readonly otherInnovatorId: string;
  readonly grantId: string;
  readonly partnerId: string;
  readonly personId: string;
  readonly introductionId: string;
  readonly partnershipId: string;
}

export type Body = Record<string, unknown>;

export interface CommandBody {
  /** The route as in ENDPOINTS. */
  readonly path: string;
  readonly fields: Fields;
  /**
   * A body the command would take (new entities get the `fresh` id): the base every break starts
   * from. It is only ever sent whole where something else refuses the request first (a malformed
   * header, a malformed id in the path).
   */
  valid(world: World, fresh: string): Body;
  /** The command writes for an id nobody recorded (forgetting is idempotent on any person id). */
  readonly writesForUnknownId?: boolean;
}

const id = { kind: 'id' } as const;
const optionalId = { kind: 'id', optional: true } as const;
const date = { kind: 'date' } as const;
const pence = { kind: 'pence' } as const;
const reason = { kind: 'text', max: 1000 } as const;
const organisation = {
  kind: 'object',
  fields: { name: { kind: 'text', max: 500 }, orgId: { kind: 'orgId' } },
} as const;
const target = { kind: 'int', min: 0, optional: true } as const;

const VOID: Pick<CommandBody, 'fields' | 'valid'> = {
  fields: { reason },
  valid: () => ({ reason: 'Recorded in error' }),
};

/** Every command's body. Every POST endpoint that takes a body must be here (the spec checks). */
export const COMMAND_BODIES: readonly CommandBody[] = [
  {
    path: '/programmes',
    fields: {
      programmeId: optionalId,
      name: { kind: 'text', max: 500 },
      funder: organisation,
      deliveryPartner: organisation,
      challengeAreas: { kind: 'strings', maxItems: 20, maxLength: 200 },
      startDate: date,
      endDate: date,
      grantBudgetPence: pence,
      targets: {
        kind: 'object',
        optional: true,
        fields: { partnerships: target, introductions: target, innovators: target, grants: target },
      },
    },
    valid: (_world, fresh) => ({ ...launchBody(fresh), funder: { ...DCMS }, deliveryPartner: { ...NESTA } }),
  },
  {
    path: '/programmes/:programmeId/targets',
    fields: { metric: { kind: 'enum', values: TARGET_METRICS }, value: { kind: 'int', min: 0 } },
    valid: () => ({ metric: 'partnerships', value: 12 }),
  },
  {
    path: '/programmes/:programmeId/close',
    fields: { closedOn: date },
    valid: () => ({ closedOn: '2018-09-30' }),
  },
  {
    path: '/programmes/:programmeId/innovators',
    fields: {
      innovatorId: optionalId,
      name: { kind: 'text', max: 500 },
      orgId: { kind: 'orgId', optional: true },
      registrationNumber: { kind: 'text', max: 64, optional: true, allowEmpty: true },
      challengeArea: { kind: 'text', max: 200 },
      enrolledOn: date,
    },
    valid: (_world, fresh) => ({ ...enrolBody(fresh), orgId: 'GB-CHC-1234567' }),
  },
  {
    path: '/innovators/:innovatorId/withdraw',
    fields: { withdrawnOn: date, reason },
    valid: () => ({ withdrawnOn: '2018-01-10', reason: 'Left the programme' }),
  },
  {
    path: '/innovators/:innovatorId/income',
    fields: {
      incomeId: optionalId,
      amountPence: pence,
      periodStart: date,
      periodEnd: date,
      source: { kind: 'enum', values: INCOME_SOURCES },
      attributableToProgramme: { kind: 'bool' },
    },
    valid: (_world, fresh) => ({
      incomeId: fresh,
      amountPence: 3_611_111,
      periodStart: '2018-03-01',
      periodEnd: '2018-09-30',
      source: 'earned',
      attributableToProgramme: true,
    }),
  },
  {
    path: '/innovators/:innovatorId/forecasts',
    fields: { amountPence: pence, horizonMonths: { kind: 'int', min: 1, max: 120 }, asOf: date },
    valid: () => ({ amountPence: 17_777_778, horizonMonths: 12, asOf: '2018-09-30' }),
  },
  {
    path: '/partners',
    fields: {
      partnerId: optionalId,
      name: { kind: 'text', max: 500 },
      sector: { kind: 'enum', values: PARTNER_SECTORS },
      contactPerson: {
        kind: 'object',
        optional: true,
        fields: {
          personId: optionalId,
          name: { kind: 'text', max: 200 },
          email: { kind: 'email', optional: true },
        },
      },
    },
    valid: (_world, fresh) => ({
      partnerId: fresh,
      name: 'Illustrative partner',
      sector: 'business',
      contactPerson: { personId: `contact-${fresh}`, name: 'A Contact', email: 'contact@example.org' },
    }),
  },
  {
    path: '/grants',
    fields: {
      grantId: optionalId,
      programmeId: id,
      innovatorId: id,
      amountPence: pence,
      fundingOrganisation: organisation,
      awardedOn: date,
      title: { kind: 'text', max: 300 },
      purpose: { kind: 'text', max: 2000 },
    },
    valid: (world, fresh) => ({
      ...awardBody(world.programmeId, world.innovatorId, fresh, 1000),
      fundingOrganisation: { ...DCMS },
    }),
  },
  {
    path: '/grants/:grantId/payments',
    fields: { paymentId: optionalId, amountPence: pence, paidOn: date },
    valid: (_world, fresh) => ({ paymentId: fresh, amountPence: 100, paidOn: '2017-10-01' }),
  },
  {
    path: '/grants/:grantId/revoke',
    fields: { revokedOn: date, reason },
    valid: () => ({ revokedOn: '2018-01-10', reason: 'Did not start' }),
  },
  {
    path: '/introductions',
    fields: {
      introductionId: optionalId,
      programmeId: id,
      innovatorId: id,
      partnerId: id,
      madeBy: { kind: 'text', max: 200 },
      madeOn: date,
      channel: { kind: 'enum', values: INTRODUCTION_CHANNELS },
    },
    valid: (world, fresh) => ({
      introductionId: fresh,
      programmeId: world.programmeId,
      innovatorId: world.otherInnovatorId,
      partnerId: world.partnerId,
      madeBy: 'Nesta programme team',
      madeOn: '2017-10-12',
      channel: 'event',
    }),
  },
  {
    path: '/introductions/:introductionId/close',
    fields: { outcome: { kind: 'enum', values: INTRODUCTION_OUTCOMES }, closedOn: date },
    valid: () => ({ outcome: 'no-fit', closedOn: '2017-11-01' }),
  },
  {
    path: '/partnerships',
    fields: {
      partnershipId: optionalId,
      introductionId: id,
      innovatorId: id,
      partnerId: id,
      kind: { kind: 'enum', values: PARTNERSHIP_KINDS },
      confirmedOn: date,
    },
    valid: (world, fresh) => ({
      partnershipId: fresh,
      introductionId: world.introductionId,
      innovatorId: world.innovatorId,
      partnerId: world.partnerId,
      kind: PARTNERSHIP_KINDS[0],
      confirmedOn: '2018-01-20',
    }),
  },
  {
    path: '/partnerships/:partnershipId/end',
    fields: { endedOn: date, reason },
    valid: () => ({ endedOn: '2018-06-01', reason: 'Came to its end' }),
  },
  {
    path: '/projects',
    fields: {
      projectId: optionalId,
      programmeId: id,
      title: { kind: 'text', max: 300 },
      leadOrganisations: { kind: 'strings', maxItems: 50, maxLength: 300 },
      challengeArea: { kind: 'text', max: 200 },
      startedOn: date,
    },
    valid: (world, fresh) => ({
      projectId: fresh,
      programmeId: world.programmeId,
      title: 'Open banking challenge prize',
      leadOrganisations: ['Nesta'],
      challengeArea: CHALLENGE_AREAS[0],
      startedOn: '2018-06-01',
    }),
  },
  {
    path: '/grants/:grantId/corrections',
    fields: { toPence: pence, reason },
    valid: () => ({ toPence: 1_900_000, reason: 'Entered wrongly' }),
  },
  { path: '/grants/:grantId/void', ...VOID },
  { path: '/introductions/:introductionId/void', ...VOID },
  { path: '/partnerships/:partnershipId/void', ...VOID },
  {
    path: '/people/:personId/forget',
    fields: { reason },
    valid: () => ({ reason: 'Asked to be forgotten' }),
    writesForUnknownId: true,
  },
];

/** POST endpoints that take no body: operations on the ledger as a whole. */
export const BODYLESS_POSTS: readonly string[] = [
  '/admin/projections/rebuild',
  '/admin/projections/:name/rebuild',
  '/audit/seals',
];

/** The public browser forms: they answer HTML and redirects rather than problem+json. */
export const BROWSER_FORMS: readonly string[] = ['/sign-in', '/sign-out'];

/** The real value of each route parameter in `world`. */
export function realParams(world: World, projection: string): Readonly<Record<string, string>> {
  return {
    programmeId: world.programmeId,
    innovatorId: world.innovatorId,
    grantId: world.grantId,
    introductionId: world.introductionId,
    partnershipId: world.partnershipId,
    personId: world.personId,
    name: projection,
    stream: `grant-${world.grantId}`,
    sealNumber: '1',
  };
}

/** The `:param` names of a route, in order. */
export function paramsOf(path: string): string[] {
  return [...path.matchAll(/:(\w+)/g)].map((match) => match[1] ?? '');
}

/** The route with each parameter replaced by its (already encoded) value. */
export function fillPath(path: string, values: Readonly<Record<string, string>>): string {
  return path.replace(/:(\w+)/g, (_whole, name: string) => values[name] ?? '');
}
