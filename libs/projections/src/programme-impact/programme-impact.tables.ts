import type { ColumnType } from 'kysely';

/**
 * Money columns are `bigint` so a large funder's totals fit. PostgreSQL's driver returns int8 as a
 * string and SQLite returns a number, so reads go through `toPence` in the queries.
 */
export type MoneyColumn = ColumnType<number | string, number, number>;

/** JSON held as text: portable across SQLite and PostgreSQL without a JSON column type. */
export type JsonText = string;

export interface ImpactProgrammesTable {
  programme_id: string;
  name: string;
  funder_name: string;
  funder_org_id: string;
  delivery_partner_name: string;
  delivery_partner_org_id: string;
  /** JSON array of challenge area names, in the order the programme launched them. */
  challenge_areas: JsonText;
  start_date: string;
  end_date: string;
  grant_budget: MoneyColumn;
  /** JSON object of targets by metric, e.g. `{"partnerships":9}`; ProgrammeTargetSet updates it. */
  targets: JsonText;
  status: 'running' | 'closed';
  closed_on: string | null;
}

export interface ImpactInnovatorsTable {
  innovator_id: string;
  programme_id: string;
  name: string;
  challenge_area: string;
  status: 'enrolled' | 'withdrawn';
  enrolled_on: string;
  withdrawn_on: string | null;
}

export interface ImpactGrantsTable {
  grant_id: string;
  programme_id: string;
  innovator_id: string;
  title: string;
  /** After corrections. */
  amount: MoneyColumn;
  paid: MoneyColumn;
  awarded_on: string;
  status: 'awarded' | 'revoked' | 'voided';
}

export interface ImpactIntroductionsTable {
  introduction_id: string;
  programme_id: string;
  innovator_id: string;
  made_on: string;
  status: 'open' | 'closed' | 'converted' | 'voided';
}

export interface ImpactPartnershipsTable {
  partnership_id: string;
  introduction_id: string;
  programme_id: string;
  innovator_id: string;
  kind: string;
  confirmed_on: string;
  status: 'active' | 'ended' | 'voided';
}

/** Keyed by (innovator_id, income_id): an income id is unique per innovator only (ADR 0017). */
export interface ImpactIncomeTable {
  income_id: string;
  innovator_id: string;
  programme_id: string;
  amount: MoneyColumn;
  source: string;
  /** 1 or 0: an integer, as SQLite has no boolean type. */
  attributable: number;
  period_start: string;
  period_end: string;
}

/** One row per innovator and as-of date: a later forecast of the same date restates it. */
export interface ImpactForecastsTable {
  innovator_id: string;
  programme_id: string;
  as_of: string;
  amount: MoneyColumn;
  horizon_months: number;
}

export interface ImpactProjectsTable {
  project_id: string;
  programme_id: string;
  title: string;
  /** JSON array of lead organisation names. */
  lead_organisations: JsonText;
  challenge_area: string;
  started_on: string;
}

export interface ImpactCorrectionsTable {
  event_id: string;
  /** The event's global position, opaque: only the event store can order positions. */
  position: string;
  /** Order of application (1, 2, ...): log order, sortable in SQL whatever the store's positions. */
  seq: number;
  type: string;
  entity_stream: string;
  programme_id: string;
  recorded_at: string;
  actor_id: string;
  actor_role: string;
  reason: string;
  summary: string;
}

/** The programme-impact read model: self-contained fact tables, read by nothing but its queries. */
export interface ProgrammeImpactTables {
  impact_programmes: ImpactProgrammesTable;
  impact_innovators: ImpactInnovatorsTable;
  impact_grants: ImpactGrantsTable;
  impact_introductions: ImpactIntroductionsTable;
  impact_partnerships: ImpactPartnershipsTable;
  impact_income: ImpactIncomeTable;
  impact_forecasts: ImpactForecastsTable;
  impact_projects: ImpactProjectsTable;
  impact_corrections: ImpactCorrectionsTable;
}
