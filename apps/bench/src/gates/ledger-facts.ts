import type {
  GrantAmountCorrected,
  GrantAwarded,
  GrantBudgetRaised,
  GrantPaymentMade,
  IncomeReported,
  InnovatorEnrolled,
  IntroductionMade,
  PartnerRegistered,
  PartnershipConfirmed,
  ProgrammeLaunched,
  ProgrammeTargetSet,
  RevenueForecastRecorded,
} from '@ledger/ledger-domain';

/**
 * The state of the ledger's entities, folded from the events by the domain's rules (SPEC §4), written
 * here again on purpose: the gates check the projections against this, so it shares no code with them.
 */

export type GrantStatus = 'awarded' | 'revoked' | 'voided';
export type IntroductionStatus = 'open' | 'closed' | 'converted' | 'voided';
export type PartnershipStatus = 'active' | 'ended' | 'voided';

export interface ProgrammeFacts {
  readonly id: string;
  readonly launched: ProgrammeLaunched['data'];
  budget: number;
  targets: Record<string, number>;
  status: 'running' | 'closed';
  closedOn: string | null;
  projects: number;
  /** Each correction, in log order: `type|stream|actor|reason`. */
  readonly corrections: string[];
}

export interface InnovatorFacts {
  readonly enrolled: InnovatorEnrolled['data'];
  status: 'enrolled' | 'withdrawn';
  withdrawnOn: string | null;
  incomeReports: number;
  income: number;
  incomeAttributable: number;
  /** The forecast with the latest as-of date (of equal dates, the later recorded). */
  forecast: { amount: number; horizonMonths: number; asOf: string } | null;
  /** Every forecast's amount by its as-of date, a later one of the same date restating it. */
  readonly forecastsByAsOf: Map<string, number>;
}

export interface GrantFacts {
  readonly awarded: GrantAwarded['data'];
  /** After corrections. */
  amount: number;
  paid: number;
  status: GrantStatus;
  /** Amount corrections, revocations and voids. */
  corrections: number;
  /** The position of the last event of the grant's own stream. */
  lastPosition: number;
}

export interface IntroductionFacts {
  readonly made: IntroductionMade['data'];
  /** The partner's sector and the innovator's challenge area when it was made. */
  readonly partnerSector: string | null;
  readonly challengeArea: string | null;
  status: IntroductionStatus;
  partnership: { id: string; kind: string; confirmedOn: string } | null;
}

export interface PartnershipFacts {
  readonly confirmed: PartnershipConfirmed['data'];
  status: PartnershipStatus;
}

const CORRECTION_TYPES = new Set([
  'GrantAmountCorrected',
  'GrantRevoked',
  'GrantAwardVoided',
  'IntroductionVoided',
  'PartnershipVoided',
  'PartnershipEnded',
]);

interface Envelope {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

type WithId = {
  readonly grantId?: string;
  readonly introductionId?: string;
  readonly partnershipId?: string;
};

export class LedgerFacts {
  readonly programmes = new Map<string, ProgrammeFacts>();
  readonly innovators = new Map<string, InnovatorFacts>();
  readonly grants = new Map<string, GrantFacts>();
  readonly introductions = new Map<string, IntroductionFacts>();
  readonly partnerships = new Map<string, PartnershipFacts>();
  readonly partnerSectors = new Map<string, string>();

  apply(stream: string, event: Envelope, position: number): void {
    this.recordCorrection(stream, event);
    this.applyProgramme(event);
    this.applyInnovator(event);
    this.applyGrant(event, position);
    this.applyNetwork(event);
  }

  private applyProgramme({ type, data }: Envelope): void {
    if (type === 'ProgrammeLaunched') {
      const launched = data as ProgrammeLaunched['data'];
      this.programmes.set(launched.programmeId, {
        ...{ id: launched.programmeId, launched, budget: launched.grantBudget },
        ...{
          targets: { ...launched.targets },
          status: 'running',
          closedOn: null,
          projects: 0,
          corrections: [],
        },
      });
      return;
    }
    const programme = this.programmes.get((data as { programmeId?: string }).programmeId ?? '');
    if (programme === undefined) return;
    if (type === 'ProgrammeTargetSet') {
      const { metric, value } = data as ProgrammeTargetSet['data'];
      programme.targets[metric] = value;
    } else if (type === 'ProgrammeClosed') {
      programme.status = 'closed';
      programme.closedOn = (data as { closedOn: string }).closedOn;
    } else if (type === 'GrantBudgetRaised') {
      programme.budget = (data as GrantBudgetRaised['data']).to;
    } else if (type === 'CollaborativeProjectStarted') {
      // One project per event: the generator and the deciders never start a project twice.
      programme.projects += 1;
    }
  }

  private applyInnovator({ type, data }: Envelope): void {
    if (type === 'InnovatorEnrolled') {
      const enrolled = data as InnovatorEnrolled['data'];
      this.innovators.set(enrolled.innovatorId, {
        ...{ enrolled, status: 'enrolled', withdrawnOn: null, incomeReports: 0, income: 0 },
        ...{ incomeAttributable: 0, forecast: null, forecastsByAsOf: new Map() },
      });
      return;
    }
    const innovator = this.innovators.get((data as { innovatorId?: string }).innovatorId ?? '');
    if (innovator === undefined) return;
    if (type === 'InnovatorWithdrawn') {
      innovator.status = 'withdrawn';
      innovator.withdrawnOn = (data as { withdrawnOn: string }).withdrawnOn;
    } else if (type === 'IncomeReported') {
      const { amount, attributableToProgramme } = data as IncomeReported['data'];
      innovator.incomeReports += 1;
      innovator.income += amount;
      innovator.incomeAttributable += attributableToProgramme ? amount : 0;
    } else if (type === 'RevenueForecastRecorded') {
      const { amount, horizonMonths, asOf } = data as RevenueForecastRecorded['data'];
      innovator.forecastsByAsOf.set(asOf, amount);
      if (innovator.forecast === null || innovator.forecast.asOf <= asOf)
        innovator.forecast = { amount, horizonMonths, asOf };
    }
  }

  private applyGrant({ type, data }: Envelope, position: number): void {
    if (type === 'GrantAwarded') {
      const awarded = data as GrantAwarded['data'];
      this.grants.set(awarded.grantId, {
        ...{ awarded, amount: awarded.amount, paid: 0, status: 'awarded' },
        ...{ corrections: 0, lastPosition: position },
      });
      return;
    }
    const grant = this.grants.get((data as WithId).grantId ?? '');
    if (grant === undefined || !type.startsWith('Grant') || type.startsWith('GrantFunds')) return;
    grant.lastPosition = position;
    if (type === 'GrantPaymentMade') grant.paid += (data as GrantPaymentMade['data']).amount;
    else if (type === 'GrantAmountCorrected') grant.amount = (data as GrantAmountCorrected['data']).to;
    else if (type === 'GrantRevoked') grant.status = 'revoked';
    else if (type === 'GrantAwardVoided') grant.status = 'voided';
    if (type === 'GrantAmountCorrected' || type === 'GrantRevoked' || type === 'GrantAwardVoided')
      grant.corrections += 1;
  }

  private applyNetwork({ type, data }: Envelope): void {
    if (type === 'PartnerRegistered') {
      const { partnerId, sector } = data as PartnerRegistered['data'];
      this.partnerSectors.set(partnerId, sector);
    } else if (type === 'IntroductionMade') {
      const made = data as IntroductionMade['data'];
      this.introductions.set(made.introductionId, {
        made,
        partnerSector: this.partnerSectors.get(made.partnerId) ?? null,
        challengeArea: this.innovators.get(made.innovatorId)?.enrolled.challengeArea ?? null,
        status: 'open',
        partnership: null,
      });
    } else if (type === 'PartnershipConfirmed') {
      this.partnershipConfirmed(data as PartnershipConfirmed['data']);
    } else {
      this.networkChange(type, data as WithId);
    }
  }

  /** The introduction is converted (unless it was voided) and the partnership is active. */
  private partnershipConfirmed(confirmed: PartnershipConfirmed['data']): void {
    this.partnerships.set(confirmed.partnershipId, { confirmed, status: 'active' });
    const introduction = this.introductions.get(confirmed.introductionId);
    if (introduction === undefined) return;
    const { partnershipId: id, kind, confirmedOn } = confirmed;
    introduction.partnership = { id, kind, confirmedOn };
    if (introduction.status !== 'voided') introduction.status = 'converted';
  }

  private networkChange(type: string, data: WithId): void {
    const introduction = this.introductions.get(data.introductionId ?? '');
    const partnership = this.partnerships.get(data.partnershipId ?? '');
    if (type === 'IntroductionClosed' && introduction?.status === 'open') introduction.status = 'closed';
    else if (type === 'IntroductionVoided' && introduction !== undefined) introduction.status = 'voided';
    else if (type === 'PartnershipEnded' && partnership !== undefined) partnership.status = 'ended';
    else if (type === 'PartnershipVoided' && partnership !== undefined) {
      partnership.status = 'voided';
      // A voided partnership never happened: its introduction is open again.
      const from = this.introductions.get(partnership.confirmed.introductionId);
      if (from?.partnership?.id !== partnership.confirmed.partnershipId) return;
      from.partnership = null;
      if (from.status === 'converted') from.status = 'open';
    }
  }

  /** What changed a figure after the fact, listed per programme in log order. */
  private recordCorrection(stream: string, { type, data, metadata }: Envelope): void {
    if (!CORRECTION_TYPES.has(type)) return;
    const ids = data as WithId & { reason?: string };
    const programmeId =
      this.grants.get(ids.grantId ?? '')?.awarded.programmeId ??
      this.introductions.get(ids.introductionId ?? '')?.made.programmeId ??
      this.partnerships.get(ids.partnershipId ?? '')?.confirmed.programmeId;
    const programme = this.programmes.get(programmeId ?? '');
    if (programme === undefined) return;
    const envelope = metadata as { actor?: { id?: string }; reason?: string };
    const reason = envelope.reason ?? ids.reason ?? '';
    programme.corrections.push([type, stream, envelope.actor?.id ?? '', reason].join('|'));
  }
}
