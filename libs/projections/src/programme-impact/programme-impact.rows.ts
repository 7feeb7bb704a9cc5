import type { Selectable } from 'kysely';
import type { Position } from '@ledger/event-store';
import type { IncomeSource, PartnershipKind, Targets } from '@ledger/ledger-domain';
import type {
  CorrectionFact,
  ForecastFact,
  GrantFact,
  IncomeFact,
  InnovatorFact,
  IntroductionFact,
  PartnershipFact,
  ProgrammeFact,
  ProjectFact,
} from './programme-impact.facts.js';
import { toPence } from './programme-impact.lookups.js';
import type {
  ImpactCorrectionsTable,
  ImpactForecastsTable,
  ImpactGrantsTable,
  ImpactIncomeTable,
  ImpactInnovatorsTable,
  ImpactIntroductionsTable,
  ImpactPartnershipsTable,
  ImpactProgrammesTable,
  ImpactProjectsTable,
} from './programme-impact.tables.js';

// Rows to facts. The casts of text columns to unions are safe: only the handlers write these
// columns, from typed events.

export function toProgrammeFact(row: Selectable<ImpactProgrammesTable>): ProgrammeFact {
  return {
    id: row.programme_id,
    name: row.name,
    funder: { name: row.funder_name, orgId: row.funder_org_id },
    deliveryPartner: { name: row.delivery_partner_name, orgId: row.delivery_partner_org_id },
    challengeAreas: JSON.parse(row.challenge_areas) as string[],
    startDate: row.start_date,
    endDate: row.end_date,
    grantBudget: toPence(row.grant_budget),
    targets: JSON.parse(row.targets) as Targets,
    status: row.status,
    closedOn: row.closed_on,
  };
}

export function toInnovatorFact(row: Selectable<ImpactInnovatorsTable>): InnovatorFact {
  const { innovator_id: id, name, challenge_area: challengeArea, status } = row;
  return { id, name, challengeArea, status, enrolledOn: row.enrolled_on, withdrawnOn: row.withdrawn_on };
}

export function toGrantFact(row: Selectable<ImpactGrantsTable>): GrantFact {
  return {
    id: row.grant_id,
    innovatorId: row.innovator_id,
    title: row.title,
    amount: toPence(row.amount),
    paid: toPence(row.paid),
    awardedOn: row.awarded_on,
    status: row.status,
  };
}

export function toIncomeFact(row: Selectable<ImpactIncomeTable>): IncomeFact {
  return {
    id: row.income_id,
    innovatorId: row.innovator_id,
    amount: toPence(row.amount),
    source: row.source as IncomeSource,
    attributable: Number(row.attributable) === 1,
    periodStart: row.period_start,
    periodEnd: row.period_end,
  };
}

export function toForecastFact(row: Selectable<ImpactForecastsTable>): ForecastFact {
  const { innovator_id: innovatorId, as_of: asOf } = row;
  return { innovatorId, amount: toPence(row.amount), horizonMonths: Number(row.horizon_months), asOf };
}

export function toProjectFact(row: Selectable<ImpactProjectsTable>): ProjectFact {
  return {
    id: row.project_id,
    title: row.title,
    leadOrganisations: JSON.parse(row.lead_organisations) as string[],
    challengeArea: row.challenge_area,
    startedOn: row.started_on,
  };
}

export function toCorrectionFact(row: Selectable<ImpactCorrectionsTable>): CorrectionFact {
  return {
    eventId: row.event_id,
    position: row.position as Position,
    seq: Number(row.seq),
    type: row.type,
    entityStream: row.entity_stream,
    recordedAt: row.recorded_at,
    actor: { id: row.actor_id, role: row.actor_role },
    reason: row.reason,
    summary: row.summary,
  };
}

export function toIntroductionFact(row: Selectable<ImpactIntroductionsTable>): IntroductionFact {
  const { introduction_id: id, innovator_id: innovatorId, made_on: madeOn, status } = row;
  return { id, innovatorId, madeOn, status };
}

export function toPartnershipFact(row: Selectable<ImpactPartnershipsTable>): PartnershipFact {
  return {
    id: row.partnership_id,
    introductionId: row.introduction_id,
    innovatorId: row.innovator_id,
    kind: row.kind as PartnershipKind,
    confirmedOn: row.confirmed_on,
    status: row.status,
  };
}
