import {
  INCOME_SOURCES,
  INTRODUCTION_CHANNELS,
  PARTNER_SECTORS,
  PARTNERSHIP_KINDS,
} from '@ledger/ledger-domain';
import type { CommandOutcome } from '@ledger/ledger-application';
import type { SeededRandom } from '@ledger/workload';
import type { SoakRequest } from './soak-http.js';

/** Commands meant to be recorded (a race with another client may still refuse them). */
export const VALID_KINDS = [
  'launch',
  'enrol',
  'partner',
  'award',
  'pay',
  'revoke',
  'introduce',
  'confirm',
  'income',
] as const;
export type ValidKind = (typeof VALID_KINDS)[number];

/** Commands the ledger must refuse, whatever else happens meanwhile. */
export const CONFLICT_KINDS = [
  'over-budget',
  'duplicate-id',
  'overpayment',
  'stale-if-match',
  'invalid-body',
  'unknown-id',
  'key-reused',
] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export type Intent = 'valid' | ConflictKind;

/** An answer a command may get: its status and problem `code`. */
export interface Expected {
  readonly status: number;
  readonly code: RegExp;
}

/** How the ledger must refuse each conflicting command. */
export const REFUSALS: Readonly<Record<ConflictKind, Expected>> = {
  'over-budget': { status: 422, code: /^GRANT\.BUDGET_EXCEEDED$/ },
  'duplicate-id': { status: 409, code: /^[A-Z]+\.ALREADY_[A-Z_]+$/ },
  // A grant revoked meanwhile takes no payment at all.
  overpayment: { status: 422, code: /^GRANT\.(OVERPAID|NOT_PAYABLE)$/ },
  'stale-if-match': { status: 412, code: /^STREAM\.REVISION_MISMATCH$/ },
  'invalid-body': { status: 400, code: /^REQUEST\.(INVALID|MALFORMED_JSON)$/ },
  'unknown-id': { status: 404, code: /^[A-Z]+\.NOT_FOUND$/ },
  'key-reused': { status: 422, code: /^IDEMPOTENCY\.KEY_REUSED$/ },
};

/** Refusals a valid command may meet because another client got there first: the races the soak runs. */
export const RACES: Readonly<Partial<Record<ValidKind, Expected>>> = {
  award: { status: 422, code: /^GRANT\.BUDGET_EXCEEDED$/ },
  pay: { status: 422, code: /^GRANT\.(OVERPAID|NOT_PAYABLE)$/ },
  revoke: { status: 409, code: /^GRANT\.ALREADY_REVOKED$/ },
  confirm: { status: 409, code: /^INTRODUCTION\.ALREADY_CONVERTED$/ },
};

/** What every command answers (201): the api sends the command bus's outcome as it is. */
export type { CommandOutcome };

export interface SoakCommand {
  readonly kind: ValidKind;
  readonly intent: Intent;
  readonly request: SoakRequest;
  /** True when the Idempotency-Key is another command's (key-reused): it is not this command's own. */
  readonly borrowedKey?: boolean;
  /** Told the answer: the outcome when recorded, undefined when refused with `code`. */
  readonly answered?: (outcome: CommandOutcome | undefined, code: string | undefined) => void;
}

/** A command's weight in the mix, per hundred. */
const MIX: readonly (readonly [ValidKind | ConflictKind, number])[] = [
  ['enrol', 9],
  ['partner', 6],
  ['award', 16],
  ['pay', 12],
  ['revoke', 3],
  ['introduce', 10],
  ['confirm', 6],
  ['income', 12],
  ['over-budget', 4],
  ['duplicate-id', 5],
  ['overpayment', 4],
  ['stale-if-match', 4],
  ['invalid-body', 3],
  ['unknown-id', 4],
  ['key-reused', 2],
];
const WEIGHTS = MIX.map(([, weight]) => weight);

/** Each programme's grant budget: room for a few dozen awards, so racing awards run it out. */
export const GRANT_BUDGET = 24_000_000;
const MIN_AWARD = 500_000;
const MAX_AWARD = 2_000_000;
/** Programmes awards and enrolments go to: the latest few, launched as the earlier ones run out. */
const LIVE_PROGRAMMES = 3;
/** Confirmations pick among the latest open introductions, so two clients sometimes pick the same one. */
const CONFIRMABLE = 12;
const RECENT_INCOME = 256;
const CHALLENGE_AREA = 'financial inclusion and capability';

interface ProgrammeView {
  readonly id: string;
  readonly budget: number;
  /** What the acknowledged awards and revocations leave committed, as this process saw them. */
  committed: number;
  readonly innovators: string[];
}

interface InnovatorView {
  readonly id: string;
  readonly programmeId: string;
  /** The highest revision of its stream an answer told. */
  revision: number;
}

interface GrantView {
  readonly id: string;
  readonly programmeId: string;
  readonly innovatorId: string;
  readonly amount: number;
  paid: number;
  revoked: boolean;
}

interface IntroductionView {
  readonly id: string;
  readonly programmeId: string;
  readonly innovatorId: string;
  readonly partnerId: string;
}

interface Sent {
  readonly key: string;
  readonly path: string;
  readonly body: Record<string, unknown>;
}

const json = (body: unknown): string => JSON.stringify(body);

export function launchBody(programmeId: string): Record<string, unknown> {
  return {
    programmeId,
    name: `Soak programme ${programmeId}`,
    funder: { name: 'Department for Digital, Culture, Media and Sport', orgId: 'GB-GOR-D5' },
    deliveryPartner: { name: 'Nesta', orgId: 'GB-CHC-1144091' },
    challengeAreas: [CHALLENGE_AREA, 'mental health support'],
    startDate: '2017-08-01',
    endDate: '2018-09-30',
    grantBudgetPence: GRANT_BUDGET,
    targets: { partnerships: 9 },
  };
}

function enrolBody(innovatorId: string): Record<string, unknown> {
  return {
    innovatorId,
    name: `Soak innovator ${innovatorId}`,
    registrationNumber: `REG-${innovatorId}`,
    challengeArea: CHALLENGE_AREA,
    enrolledOn: '2017-08-01',
  };
}

function partnerBody(partnerId: string, sector: string): Record<string, unknown> {
  return { partnerId, name: `Soak partner ${partnerId}`, sector };
}

function awardBody(grantId: string, programmeId: string, innovatorId: string, amountPence: number) {
  return {
    grantId,
    programmeId,
    innovatorId,
    amountPence,
    fundingOrganisation: { name: 'Department for Digital, Culture, Media and Sport', orgId: 'GB-GOR-D5' },
    awardedOn: '2017-09-01',
    title: 'Soak grant',
    purpose: 'Design and start a scaling plan',
  };
}

function introductionBody({ id, programmeId, innovatorId, partnerId }: IntroductionView, channel: string) {
  return {
    introductionId: id,
    programmeId,
    innovatorId,
    partnerId,
    madeBy: 'Soak programme team',
    madeOn: '2017-10-12',
    channel,
  };
}

function incomeBody(incomeId: string, amountPence: number, source: string) {
  return {
    incomeId,
    amountPence,
    periodStart: '2018-03-01',
    periodEnd: '2018-09-30',
    source,
    attributableToProgramme: true,
  };
}

/** Removes one element, looking from the end, by swapping the last into its place. */
function removeWhere<T>(items: T[], match: (item: T) => boolean): void {
  const index = items.findLastIndex(match);
  if (index < 0) return;
  items[index] = items[items.length - 1] as T;
  items.pop();
}

/**
 * What the clients know of the ledger, from its 2xx answers only, shared by every client (one
 * thread: no locks). Each client asks it for its next command: a seeded draw from the mix, built
 * from what exists. Views lag behind the ledger (another client's command may be in flight), which
 * is what makes valid commands race: two awards on one programme near its budget, two payments of
 * one grant, two confirmations of one introduction.
 */
export class SoakWorld {
  private readonly programmes: ProgrammeView[] = [];
  private readonly partners: string[] = [];
  private readonly innovators: InnovatorView[] = [];
  private readonly grants: GrantView[] = [];
  private readonly introductions: IntroductionView[] = [];
  private readonly open: IntroductionView[] = [];
  private readonly incomes: Sent[] = [];
  private launching = false;

  /** The set-up: programmes launched, innovators enrolled in each, partners registered. */
  setUp(programmes: number, innovatorsEach: number, partners: number): SoakCommand[][] {
    const key = (what: string) => `soak-setup-${what}`;
    const launches = Array.from({ length: programmes }, (_, p) =>
      this.launch(`prog-setup-${p}`, key(`p${p}`)),
    );
    const rest = [
      ...Array.from({ length: programmes * innovatorsEach }, (_, i) =>
        this.enrol(`prog-setup-${i % programmes}`, `inn-setup-${i}`, key(`i${i}`)),
      ),
      ...Array.from({ length: partners }, (_, i) =>
        this.registerPartner(
          `partner-setup-${i}`,
          PARTNER_SECTORS[i % PARTNER_SECTORS.length] ?? 'business',
          key(`r${i}`),
        ),
      ),
    ];
    return [launches, rest];
  }

  /** The next command of client `client`: a seeded draw from the mix, among what can be built now. */
  next(random: SeededRandom, client: number, sequence: number): SoakCommand {
    const id = `c${client}-${sequence}`;
    const key = `soak-${id}`;
    for (;;) {
      const [kind] = MIX[random.weighted(WEIGHTS) ?? 0] ?? MIX[0] ?? ['partner'];
      const command = this.build(kind, random, id, key);
      if (command !== undefined) return command;
    }
  }

  get counts(): Record<string, number> {
    return {
      programmes: this.programmes.length,
      innovators: this.innovators.length,
      partners: this.partners.length,
      grants: this.grants.length,
      introductions: this.introductions.length,
    };
  }

  private build(
    kind: ValidKind | ConflictKind,
    random: SeededRandom,
    id: string,
    key: string,
  ): SoakCommand | undefined {
    switch (kind) {
      case 'launch':
        return this.launch(`prog-${id}`, key);
      case 'enrol': {
        const programme = random.pick(this.live());
        return programme && this.enrol(programme.id, `inn-${id}`, key);
      }
      case 'partner':
        return this.registerPartner(`partner-${id}`, random.pick(PARTNER_SECTORS) ?? 'business', key);
      case 'award':
        return this.award(random, id, key);
      case 'pay':
        return this.pay(random, id, key);
      case 'revoke':
        return this.revoke(random, key);
      case 'introduce':
        return this.introduce(random, id, key);
      case 'confirm':
        return this.confirm(random, id, key);
      case 'income':
        return this.income(random, id, key);
      default:
        return this.conflict(kind, random, id, key);
    }
  }

  /** The programmes awards and enrolments go to. */
  private live(): ProgrammeView[] {
    return this.programmes.slice(-LIVE_PROGRAMMES);
  }

  private launch(programmeId: string, key: string): SoakCommand {
    this.launching = true;
    return {
      kind: 'launch',
      intent: 'valid',
      request: { path: '/programmes', body: json(launchBody(programmeId)), key },
      answered: (outcome) => {
        this.launching = false;
        if (outcome)
          this.programmes.push({ id: programmeId, budget: GRANT_BUDGET, committed: 0, innovators: [] });
      },
    };
  }

  private enrol(programmeId: string, innovatorId: string, key: string): SoakCommand {
    return {
      kind: 'enrol',
      intent: 'valid',
      request: { path: `/programmes/${programmeId}/innovators`, body: json(enrolBody(innovatorId)), key },
      answered: (outcome) => {
        if (!outcome) return;
        this.innovators.push({ id: innovatorId, programmeId, revision: outcome.revision });
        this.programmes.find((p) => p.id === programmeId)?.innovators.push(innovatorId);
      },
    };
  }

  private registerPartner(partnerId: string, sector: string, key: string): SoakCommand {
    return {
      kind: 'partner',
      intent: 'valid',
      request: { path: '/partners', body: json(partnerBody(partnerId, sector)), key },
      answered: (outcome) => {
        if (outcome) this.partners.push(partnerId);
      },
    };
  }

  /**
   * An award within what this process believes is left of a live programme's budget. When the live
   * budgets are nearly spent, one client launches the next programme while the others race for the rest.
   */
  private award(random: SeededRandom, id: string, key: string): SoakCommand | undefined {
    const live = this.live();
    const left = live.reduce((sum, p) => sum + Math.max(0, p.budget - p.committed), 0);
    if (left < 2 * MAX_AWARD && !this.launching) return this.launch(`prog-${id}`, key);
    const room = live.filter((p) => p.innovators.length > 0 && p.budget - p.committed >= MIN_AWARD);
    const programme = random.pick(room);
    if (programme === undefined) return undefined;
    const innovatorId = random.pick(programme.innovators) as string;
    const amount = Math.min(programme.budget - programme.committed, random.int(MIN_AWARD, MAX_AWARD));
    const grantId = `grant-${id}`;
    return {
      kind: 'award',
      intent: 'valid',
      request: { path: '/grants', body: json(awardBody(grantId, programme.id, innovatorId, amount)), key },
      answered: (outcome) => {
        if (!outcome) return;
        programme.committed += amount;
        this.grants.push({
          id: grantId,
          programmeId: programme.id,
          innovatorId,
          amount,
          paid: 0,
          revoked: false,
        });
      },
    };
  }

  private payable(random: SeededRandom): GrantView | undefined {
    for (let tries = 0; tries < 4; tries += 1) {
      const grant = random.pick(this.grants);
      if (grant && !grant.revoked && grant.amount > grant.paid) return grant;
    }
    return undefined;
  }

  private pay(random: SeededRandom, id: string, key: string): SoakCommand | undefined {
    const grant = this.payable(random);
    if (grant === undefined) return undefined;
    const amount = random.int(1, Math.min(grant.amount - grant.paid, 800_000));
    return {
      kind: 'pay',
      intent: 'valid',
      request: {
        path: `/grants/${grant.id}/payments`,
        body: json({ paymentId: `pay-${id}`, amountPence: amount, paidOn: '2017-09-15' }),
        key,
      },
      answered: (outcome) => {
        if (outcome) grant.paid += amount;
      },
    };
  }

  /** Revoking gives the unpaid rest back to the budget, so awards go on racing for it. */
  private revoke(random: SeededRandom, key: string): SoakCommand | undefined {
    const grant = this.payable(random);
    if (grant === undefined) return undefined;
    return {
      kind: 'revoke',
      intent: 'valid',
      request: {
        path: `/grants/${grant.id}/revoke`,
        body: json({ revokedOn: '2017-12-01', reason: 'Soak: revoked to free its budget' }),
        key,
      },
      answered: (outcome) => {
        if (!outcome || grant.revoked) return;
        grant.revoked = true;
        const programme = this.programmes.find((p) => p.id === grant.programmeId);
        if (programme) programme.committed -= grant.amount - grant.paid;
      },
    };
  }

  private introduce(random: SeededRandom, id: string, key: string): SoakCommand | undefined {
    const innovator = random.pick(this.innovators);
    const partnerId = random.pick(this.partners);
    if (innovator === undefined || partnerId === undefined) return undefined;
    const introduction = {
      id: `intro-${id}`,
      programmeId: innovator.programmeId,
      innovatorId: innovator.id,
      partnerId,
    };
    const channel = random.pick(INTRODUCTION_CHANNELS) ?? 'event';
    return {
      kind: 'introduce',
      intent: 'valid',
      request: { path: '/introductions', body: json(introductionBody(introduction, channel)), key },
      answered: (outcome) => {
        if (!outcome) return;
        this.introductions.push(introduction);
        this.open.push(introduction);
      },
    };
  }

  private confirm(random: SeededRandom, id: string, key: string): SoakCommand | undefined {
    const introduction = random.pick(this.open.slice(-CONFIRMABLE));
    if (introduction === undefined) return undefined;
    const body = {
      partnershipId: `ptn-${id}`,
      introductionId: introduction.id,
      innovatorId: introduction.innovatorId,
      partnerId: introduction.partnerId,
      kind: random.pick(PARTNERSHIP_KINDS) ?? 'funding',
      confirmedOn: '2018-01-20',
    };
    return {
      kind: 'confirm',
      intent: 'valid',
      request: { path: '/partnerships', body: json(body), key },
      // Converted, by this command or a racing one: either way it is not open any more.
      answered: () => removeWhere(this.open, (open) => open.id === introduction.id),
    };
  }

  private income(random: SeededRandom, id: string, key: string): SoakCommand | undefined {
    const innovator = random.pick(this.innovators);
    if (innovator === undefined) return undefined;
    const body = incomeBody(
      `income-${id}`,
      random.int(10_000, 5_000_000),
      random.pick(INCOME_SOURCES) ?? 'earned',
    );
    const path = `/innovators/${innovator.id}/income`;
    return {
      kind: 'income',
      intent: 'valid',
      request: { path, body: json(body), key },
      answered: (outcome) => {
        if (!outcome) return;
        innovator.revision = Math.max(innovator.revision, outcome.revision);
        this.incomes.push({ key, path, body });
        if (this.incomes.length > RECENT_INCOME) this.incomes.shift();
      },
    };
  }

  private conflict(
    kind: ConflictKind,
    random: SeededRandom,
    id: string,
    key: string,
  ): SoakCommand | undefined {
    const request = this.conflictRequest(kind, random, id, key);
    if (request === undefined) return undefined;
    const [as, sent] = request;
    return { kind: as, intent: kind, request: sent, ...(kind === 'key-reused' ? { borrowedKey: true } : {}) };
  }

  private conflictRequest(
    kind: ConflictKind,
    random: SeededRandom,
    id: string,
    key: string,
  ): readonly [ValidKind, SoakRequest] | undefined {
    switch (kind) {
      case 'over-budget': {
        // More than the whole budget: refused whatever is committed.
        const programme = random.pick(this.programmes.filter((p) => p.innovators.length > 0));
        if (programme === undefined) return undefined;
        const innovatorId = random.pick(programme.innovators) as string;
        const body = awardBody(`grant-${id}`, programme.id, innovatorId, programme.budget + 1);
        return ['award', { path: '/grants', body: json(body), key }];
      }
      case 'duplicate-id':
        return this.duplicate(random, key);
      case 'overpayment': {
        // More than the whole award: refused whatever was paid.
        const grant = random.pick(this.grants);
        if (grant === undefined) return undefined;
        const body = { paymentId: `pay-${id}`, amountPence: grant.amount + 1, paidOn: '2017-09-15' };
        return ['pay', { path: `/grants/${grant.id}/payments`, body: json(body), key }];
      }
      case 'stale-if-match': {
        // A revision before one an answer already told: the stream has moved on from it.
        const innovator = random.pick(this.innovators);
        if (innovator === undefined) return undefined;
        const body = incomeBody(`income-${id}`, 100_000, 'earned');
        const path = `/innovators/${innovator.id}/income`;
        return ['income', { path, body: json(body), key, ifMatch: innovator.revision - 1 }];
      }
      case 'invalid-body':
        return this.invalid(random, id, key);
      case 'unknown-id':
        return this.unknown(random, id, key);
      case 'key-reused': {
        // Another command's key with another body: refused, never replayed.
        const earlier = random.pick(this.incomes);
        if (earlier === undefined) return undefined;
        const body = { ...earlier.body, amountPence: Number(earlier.body['amountPence']) + 1 };
        return ['income', { path: earlier.path, body: json(body), key: earlier.key }];
      }
    }
  }

  /** An id that exists, given again under a new Idempotency-Key. */
  private duplicate(random: SeededRandom, key: string): readonly [ValidKind, SoakRequest] | undefined {
    const choice = random.int(0, 3);
    if (choice === 0) {
      const innovator = random.pick(this.innovators);
      if (innovator === undefined) return undefined;
      const path = `/programmes/${innovator.programmeId}/innovators`;
      return ['enrol', { path, body: json(enrolBody(innovator.id)), key }];
    }
    if (choice === 1) {
      const partnerId = random.pick(this.partners);
      if (partnerId === undefined) return undefined;
      return ['partner', { path: '/partners', body: json(partnerBody(partnerId, 'public')), key }];
    }
    if (choice === 2) {
      const grant = random.pick(this.grants);
      if (grant === undefined) return undefined;
      const body = awardBody(grant.id, grant.programmeId, grant.innovatorId, MIN_AWARD);
      return ['award', { path: '/grants', body: json(body), key }];
    }
    const introduction = random.pick(this.introductions);
    if (introduction === undefined) return undefined;
    const body = introductionBody(introduction, 'online');
    return ['introduce', { path: '/introductions', body: json(body), key }];
  }

  /** Bodies refused before any rule is looked at (400). */
  private invalid(random: SeededRandom, id: string, key: string): readonly [ValidKind, SoakRequest] {
    const programme = this.programmes[0];
    switch (random.int(0, 4)) {
      case 0:
        return [
          'award',
          {
            path: '/grants',
            body: json({ ...awardBody(`grant-${id}`, programme?.id ?? 'p', 'i', 1), amountPence: -100 }),
            key,
          },
        ];
      case 1:
        return [
          'partner',
          { path: '/partners', body: json({ partnerId: `partner-${id}`, sector: 'business' }), key },
        ];
      case 2:
        return [
          'income',
          {
            path: `/innovators/inn-${id}/income`,
            body: json({ ...incomeBody(`income-${id}`, 1, 'earned'), amountPence: 12.5 }),
            key,
          },
        ];
      case 3:
        return [
          'enrol',
          {
            path: `/programmes/${programme?.id ?? 'p'}/innovators`,
            body: json({ ...enrolBody(`inn-${id}`), colour: 'blue' }),
            key,
          },
        ];
      default:
        return ['partner', { path: '/partners', body: `{"partnerId": "partner-${id}", "name": `, key }];
    }
  }

  /** Commands naming what does not exist (404). */
  private unknown(
    random: SeededRandom,
    id: string,
    key: string,
  ): readonly [ValidKind, SoakRequest] | undefined {
    const nobody = `nobody-${id}`;
    switch (random.int(0, 3)) {
      case 0:
        return [
          'pay',
          {
            path: `/grants/${nobody}/payments`,
            body: json({ paymentId: `pay-${id}`, amountPence: 100, paidOn: '2017-09-15' }),
            key,
          },
        ];
      case 1:
        return [
          'income',
          {
            path: `/innovators/${nobody}/income`,
            body: json(incomeBody(`income-${id}`, 100, 'earned')),
            key,
          },
        ];
      case 2:
        return [
          'enrol',
          { path: `/programmes/${nobody}/innovators`, body: json(enrolBody(`inn-${id}`)), key },
        ];
      default: {
        const innovator = random.pick(this.innovators);
        const partnerId = random.pick(this.partners);
        if (innovator === undefined || partnerId === undefined) return undefined;
        const body = {
          partnershipId: `ptn-${id}`,
          introductionId: nobody,
          innovatorId: innovator.id,
          partnerId,
          kind: 'funding',
          confirmedOn: '2018-01-20',
        };
        return ['confirm', { path: '/partnerships', body: json(body), key }];
      }
    }
  }
}
