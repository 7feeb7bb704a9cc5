import type { Database } from 'better-sqlite3';
import {
  canonicalJson,
  canonicalJsonText,
  type FigureRow,
  type FigureTable,
  sha256,
} from './gate-figures.js';
import type { LedgerFacts } from './ledger-facts.js';

/**
 * The figures of four read models, computed from the folded facts (expected) and read back from the
 * read store's tables (actual), as keyed rows with the same columns on both sides.
 */
export interface FigureModel {
  readonly readModel: string;
  readonly columns: readonly string[];
  expected(facts: LedgerFacts): FigureTable;
  actual(db: Database): FigureTable;
}

type Row = Record<string, string | number | null>;

const rowsOf = (db: Database, query: string): Row[] => db.prepare(query).all() as Row[];
const text = (value: unknown): string => (typeof value === 'string' ? value : String(value));
const num = (value: unknown): number => Number(value ?? 0);

function pick(row: Row, columns: readonly string[]): FigureRow {
  return Object.fromEntries(columns.map((column) => [column, row[column] ?? null]));
}

function addTo(table: Map<string, Row>, key: string, figures: Row, zero: () => Row): void {
  const row = table.get(key) ?? zero();
  for (const [column, value] of Object.entries(figures))
    row[column] = typeof value === 'number' ? num(row[column]) + value : value;
  table.set(key, row);
}

// ---- grant-register -------------------------------------------------------------------------------

const GRANT_COLUMNS = [
  'programme_id',
  'innovator_id',
  'title',
  'funder_org_id',
  'awarded_on',
  'amount_awarded',
  'amount_paid',
  'outstanding',
  'status',
  'corrections',
  'last_event_position',
] as const;

/**
 * Per grant: who and what it is for, the amount awarded after corrections, paid, outstanding (nothing
 * once revoked or voided), status, how often it was corrected, and the position of its last event.
 * Not covered: funder_name, updated_at (the store's clock).
 */
export const grantRegisterFigures: FigureModel = {
  readModel: 'grant-register',
  columns: GRANT_COLUMNS,
  expected: (facts) =>
    new Map(
      [...facts.grants.values()].map((grant) => {
        const { awarded } = grant;
        const row: FigureRow = {
          programme_id: awarded.programmeId,
          innovator_id: awarded.innovatorId,
          title: awarded.title,
          funder_org_id: awarded.fundingOrganisation.orgId,
          awarded_on: awarded.awardedOn,
          amount_awarded: grant.amount,
          amount_paid: grant.paid,
          outstanding: grant.status === 'awarded' ? grant.amount - grant.paid : 0,
          status: grant.status,
          corrections: grant.corrections,
          last_event_position: String(grant.lastPosition),
        };
        return [`grant ${awarded.grantId}`, row];
      }),
    ),
  actual: (db) =>
    new Map(
      rowsOf(db, `SELECT grant_id, ${GRANT_COLUMNS.join(', ')} FROM grant_register`).map((row) => [
        `grant ${text(row.grant_id)}`,
        pick(row, GRANT_COLUMNS),
      ]),
    ),
};

// ---- innovator-summary ----------------------------------------------------------------------------

const INNOVATOR_COLUMNS = [
  'programme_id',
  'name',
  'challenge_area',
  'status',
  'enrolled_on',
  'grants',
  'amount_awarded',
  'amount_paid',
  'introductions',
  'partnerships',
  'income',
  'income_attributable',
  'forecast',
  'forecast_horizon_months',
  'forecast_as_of',
] as const;

/**
 * Per innovator: who, status, live grants (not voided; revoked ones count) with their amounts after
 * corrections and payments, introductions and partnerships not voided, income (and the part
 * attributable to the programme) and the forecast with the latest as-of date.
 * Not covered: last_event_position, updated_at, and the lookup tables innovator_summary_*.
 */
export const innovatorSummaryFigures: FigureModel = {
  readModel: 'innovator-summary',
  columns: INNOVATOR_COLUMNS,
  expected(facts) {
    const table = new Map<string, Row>();
    for (const [id, innovator] of facts.innovators) {
      const { enrolled, forecast } = innovator;
      table.set(id, {
        ...{
          programme_id: enrolled.programmeId,
          name: enrolled.name,
          challenge_area: enrolled.challengeArea,
        },
        ...{ status: innovator.status, enrolled_on: enrolled.enrolledOn },
        ...{ grants: 0, amount_awarded: 0, amount_paid: 0, introductions: 0, partnerships: 0 },
        ...{ income: innovator.income, income_attributable: innovator.incomeAttributable },
        forecast: forecast?.amount ?? null,
        forecast_horizon_months: forecast?.horizonMonths ?? null,
        forecast_as_of: forecast?.asOf ?? null,
      });
    }
    const add = (id: string, figures: Row) => {
      if (table.has(id)) addTo(table, id, figures, () => ({}));
    };
    for (const grant of facts.grants.values())
      if (grant.status !== 'voided')
        add(grant.awarded.innovatorId, { grants: 1, amount_awarded: grant.amount, amount_paid: grant.paid });
    for (const { made, status } of facts.introductions.values())
      if (status !== 'voided') add(made.innovatorId, { introductions: 1 });
    for (const { confirmed, status } of facts.partnerships.values())
      if (status !== 'voided') add(confirmed.innovatorId, { partnerships: 1 });
    return new Map([...table].map(([id, row]) => [`innovator ${id}`, pick(row, INNOVATOR_COLUMNS)]));
  },
  actual: (db) =>
    new Map(
      rowsOf(db, `SELECT innovator_id, ${INNOVATOR_COLUMNS.join(', ')} FROM innovator_summary`).map((row) => [
        `innovator ${text(row.innovator_id)}`,
        pick(row, INNOVATOR_COLUMNS),
      ]),
    ),
};

// ---- introduction-funnel --------------------------------------------------------------------------

const FUNNEL_INTRODUCTION_COLUMNS = [
  'programme_id',
  'innovator_id',
  'partner_id',
  'partner_sector',
  'challenge_area',
  'made_on',
  'month',
  'status',
  'partnership_id',
  'partnership_kind',
  'confirmed_on',
  'days_to_partnership',
] as const;
const FUNNEL_STAGES = ['open', 'closed', 'converted', 'voided'] as const;
const FUNNEL_PROGRAMME_COLUMNS = [
  ...FUNNEL_STAGES.map((stage) => `introductions_${stage}`),
  'days_to_partnership_total',
];

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
const zeroFunnel = (): Row => Object.fromEntries(FUNNEL_PROGRAMME_COLUMNS.map((column) => [column, 0]));

/**
 * Per introduction: every column of funnel_introductions (whom, the partner's sector and innovator's
 * challenge area when made, month, stage, and the partnership it became with days to it); and per
 * programme with introductions: how many are at each stage, and the days to partnership summed.
 * Not covered: funnel_partners and funnel_innovators (lookups).
 */
export const introductionFunnelFigures: FigureModel = {
  readModel: 'introduction-funnel',
  columns: [...FUNNEL_INTRODUCTION_COLUMNS, ...FUNNEL_PROGRAMME_COLUMNS],
  expected(facts) {
    const table = new Map<string, FigureRow>();
    const programmes = new Map<string, Row>();
    for (const { made, partnerSector, challengeArea, status, partnership } of facts.introductions.values()) {
      const days = partnership === null ? null : daysBetween(made.madeOn, partnership.confirmedOn);
      table.set(`introduction ${made.introductionId}`, {
        ...{ programme_id: made.programmeId, innovator_id: made.innovatorId, partner_id: made.partnerId },
        ...{ partner_sector: partnerSector, challenge_area: challengeArea, made_on: made.madeOn },
        ...{ month: made.madeOn.slice(0, 7), status, partnership_id: partnership?.id ?? null },
        ...{ partnership_kind: partnership?.kind ?? null, confirmed_on: partnership?.confirmedOn ?? null },
        days_to_partnership: days,
      });
      const figures = { [`introductions_${status}`]: 1, days_to_partnership_total: days ?? 0 };
      addTo(programmes, `programme ${made.programmeId}`, figures, zeroFunnel);
    }
    return new Map([...table, ...programmes]);
  },
  actual(db) {
    const table = new Map<string, FigureRow>();
    const query = `SELECT introduction_id, ${FUNNEL_INTRODUCTION_COLUMNS.join(', ')} FROM funnel_introductions`;
    for (const row of rowsOf(db, query))
      table.set(`introduction ${text(row.introduction_id)}`, pick(row, FUNNEL_INTRODUCTION_COLUMNS));
    const programmes = new Map<string, Row>();
    const byStage = `SELECT programme_id, status, count(*) AS n, total(days_to_partnership) AS days
      FROM funnel_introductions GROUP BY programme_id, status`;
    for (const row of rowsOf(db, byStage)) {
      const figures = {
        [`introductions_${text(row.status)}`]: num(row.n),
        days_to_partnership_total: num(row.days),
      };
      addTo(programmes, `programme ${text(row.programme_id)}`, figures, zeroFunnel);
    }
    return new Map([...table, ...programmes]);
  },
};

// ---- programme-impact -----------------------------------------------------------------------------

const GRANT_STATUSES = ['awarded', 'revoked', 'voided'] as const;
const CORRECTION_TYPES = [
  'GrantAmountCorrected',
  'GrantRevoked',
  'GrantAwardVoided',
  'IntroductionVoided',
  'PartnershipVoided',
  'PartnershipEnded',
] as const;
const INTRODUCTION_STATUSES = ['open', 'closed', 'converted', 'voided'] as const;
const PARTNERSHIP_STATUSES = ['active', 'ended', 'voided'] as const;

const IMPACT_DESCRIBED = [
  'name',
  'funder_org_id',
  'start_date',
  'end_date',
  'challenge_areas',
  'grant_budget',
  'targets',
  'status',
  'closed_on',
] as const;
const IMPACT_COUNTED = [
  'innovators_enrolled',
  'innovators_withdrawn',
  ...GRANT_STATUSES.flatMap((s) => [`grants_${s}`, `grants_${s}_amount`, `grants_${s}_paid`]),
  ...INTRODUCTION_STATUSES.map((s) => `introductions_${s}`),
  ...PARTNERSHIP_STATUSES.map((s) => `partnerships_${s}`),
  'income_reports',
  'income_total',
  'income_attributable',
  'forecasts',
  'forecasts_total',
  'projects',
  'corrections',
  ...CORRECTION_TYPES.map((type) => `corrections_${type}`),
] as const;
const IMPACT_COLUMNS = [...IMPACT_DESCRIBED, ...IMPACT_COUNTED, 'corrections_digest'];

const zeroImpact = (): Row => ({
  ...Object.fromEntries(IMPACT_DESCRIBED.map((column) => [column, null])),
  ...Object.fromEntries(IMPACT_COUNTED.map((column) => [column, 0])),
  ...correctionFigures([]),
});

/**
 * The corrections of one programme (`type|stream|actor|reason`, in log order): how many of each type,
 * and one digest (16 hex digits, so a problem stays readable) of the whole list.
 */
function correctionFigures(lines: readonly string[]): Row {
  const figures: Row = {
    corrections: lines.length,
    corrections_digest: sha256(lines.map((line) => `${line}\n`).join('')).slice(0, 16),
  };
  for (const line of lines) {
    const column = `corrections_${line.slice(0, line.indexOf('|'))}`;
    figures[column] = num(figures[column]) + 1;
  }
  return figures;
}

/**
 * Per programme: what it is (name, funder, dates, challenge areas, budget, targets after changes,
 * status and closing date); innovators enrolled and withdrawn; grants by status with their amounts
 * after corrections and paid; introductions and partnerships by status; income reported (count,
 * total, attributable part); forecasts kept (one per innovator and as-of date) and their total;
 * collaborative projects; and the corrections listed (count, count per type, and a digest of type,
 * stream, actor and reason in log order). Not covered: delivery partner, titles, dates of single facts, correction
 * summaries and their recorded_at.
 */
export const programmeImpactFigures: FigureModel = {
  readModel: 'programme-impact',
  columns: IMPACT_COLUMNS,
  expected(facts) {
    const table = new Map<string, Row>();
    const add = (programmeId: string, figures: Row) =>
      addTo(table, `programme ${programmeId}`, figures, zeroImpact);
    for (const programme of facts.programmes.values()) {
      const { launched } = programme;
      add(programme.id, {
        ...{ name: launched.name, funder_org_id: launched.funder.orgId, start_date: launched.startDate },
        ...{ end_date: launched.endDate, challenge_areas: canonicalJson(launched.challengeAreas) },
        ...{ grant_budget: programme.budget, targets: canonicalJson(programme.targets) },
        ...{ status: programme.status, closed_on: programme.closedOn, projects: programme.projects },
        ...correctionFigures(programme.corrections),
      });
    }
    for (const innovator of facts.innovators.values()) {
      const { programmeId } = innovator.enrolled;
      add(programmeId, { [`innovators_${innovator.status}`]: 1, income_reports: innovator.incomeReports });
      add(programmeId, { income_total: innovator.income, income_attributable: innovator.incomeAttributable });
      const forecasts = [...innovator.forecastsByAsOf.values()];
      add(programmeId, {
        forecasts: forecasts.length,
        forecasts_total: forecasts.reduce((a, b) => a + b, 0),
      });
    }
    for (const { awarded, status, amount, paid } of facts.grants.values())
      add(awarded.programmeId, {
        [`grants_${status}`]: 1,
        [`grants_${status}_amount`]: amount,
        [`grants_${status}_paid`]: paid,
      });
    for (const { made, status } of facts.introductions.values())
      add(made.programmeId, { [`introductions_${status}`]: 1 });
    for (const { confirmed, status } of facts.partnerships.values())
      add(confirmed.programmeId, { [`partnerships_${status}`]: 1 });
    return new Map([...table].map(([key, row]) => [key, pick(row, IMPACT_COLUMNS)]));
  },
  actual(db) {
    const table = new Map<string, Row>();
    const add = (row: Row, figures: Row) =>
      addTo(table, `programme ${text(row.programme_id)}`, figures, zeroImpact);
    for (const row of rowsOf(db, 'SELECT * FROM impact_programmes'))
      add(row, {
        ...pick(row, IMPACT_DESCRIBED),
        challenge_areas: canonicalJsonText(row.challenge_areas as string | null),
        targets: canonicalJsonText(row.targets as string | null),
      });
    const grouped = (tableName: string, extra = '') =>
      rowsOf(
        db,
        `SELECT programme_id, status, count(*) AS n${extra} FROM ${tableName} GROUP BY programme_id, status`,
      );
    for (const row of grouped('impact_innovators'))
      add(row, { [`innovators_${text(row.status)}`]: num(row.n) });
    for (const row of grouped('impact_grants', ', total(amount) AS amount, total(paid) AS paid')) {
      const status = text(row.status);
      add(row, { [`grants_${status}`]: num(row.n), [`grants_${status}_amount`]: num(row.amount) });
      add(row, { [`grants_${status}_paid`]: num(row.paid) });
    }
    for (const row of grouped('impact_introductions'))
      add(row, { [`introductions_${text(row.status)}`]: num(row.n) });
    for (const row of grouped('impact_partnerships'))
      add(row, { [`partnerships_${text(row.status)}`]: num(row.n) });
    const income = `SELECT programme_id, count(*) AS n, total(amount) AS amount,
      total(CASE WHEN attributable = 1 THEN amount ELSE 0 END) AS attributable FROM impact_income GROUP BY programme_id`;
    for (const row of rowsOf(db, income))
      add(row, {
        income_reports: num(row.n),
        income_total: num(row.amount),
        income_attributable: num(row.attributable),
      });
    const forecasts =
      'SELECT programme_id, count(*) AS n, total(amount) AS amount FROM impact_forecasts GROUP BY programme_id';
    for (const row of rowsOf(db, forecasts))
      add(row, { forecasts: num(row.n), forecasts_total: num(row.amount) });
    for (const row of rowsOf(
      db,
      'SELECT programme_id, count(*) AS n FROM impact_projects GROUP BY programme_id',
    ))
      add(row, { projects: num(row.n) });
    const corrections = new Map<string, string[]>();
    const listed =
      'SELECT programme_id, type, entity_stream, actor_id, reason FROM impact_corrections ORDER BY seq';
    for (const row of rowsOf(db, listed)) {
      const id = text(row.programme_id);
      const lines = corrections.get(id) ?? [];
      lines.push([row.type, row.entity_stream, row.actor_id, row.reason].map(text).join('|'));
      corrections.set(id, lines);
    }
    for (const [programme_id, lines] of corrections) add({ programme_id }, correctionFigures(lines));
    return new Map([...table].map(([key, row]) => [key, pick(row, IMPACT_COLUMNS)]));
  },
};

export const FIGURE_MODELS: readonly FigureModel[] = [
  grantRegisterFigures,
  innovatorSummaryFigures,
  introductionFunnelFigures,
  programmeImpactFigures,
];
