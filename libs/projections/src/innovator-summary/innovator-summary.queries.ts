import type { Kysely, Selectable } from 'kysely';
import type { InnovatorSummaryTable, InnovatorSummaryTables } from './innovator-summary.tables.js';
import { countOf, pageWindow } from '../paging.js';

/** An innovator's figures; money in integer pence. */
export interface InnovatorSummaryEntry {
  readonly innovatorId: string;
  readonly programmeId: string;
  readonly name: string;
  readonly challengeArea: string;
  readonly status: 'enrolled' | 'withdrawn';
  readonly enrolledOn: string;
  readonly grants: number;
  readonly amountAwarded: number;
  readonly amountPaid: number;
  readonly introductions: number;
  readonly partnerships: number;
  readonly income: number;
  readonly incomeAttributable: number;
  /** The latest revenue forecast; null until one is recorded. */
  readonly forecast: number | null;
  readonly forecastHorizonMonths: number | null;
  readonly forecastAsOf: string | null;
  readonly lastEventPosition: string;
  readonly updatedAt: string;
}

export interface ListInnovatorsFilters {
  readonly programmeId?: string;
  readonly challengeArea?: string;
  /** 50 when absent; at most 500. */
  readonly limit?: number;
  readonly offset?: number;
}

export interface InnovatorSummaryPage {
  readonly items: readonly InnovatorSummaryEntry[];
  /** How many innovators match the filters, across all pages. */
  readonly total: number;
}

const toEntry = (row: Selectable<InnovatorSummaryTable>): InnovatorSummaryEntry => ({
  innovatorId: row.innovator_id,
  programmeId: row.programme_id,
  name: row.name,
  challengeArea: row.challenge_area,
  status: row.status,
  enrolledOn: row.enrolled_on,
  grants: row.grants,
  amountAwarded: row.amount_awarded,
  amountPaid: row.amount_paid,
  introductions: row.introductions,
  partnerships: row.partnerships,
  income: row.income,
  incomeAttributable: row.income_attributable,
  forecast: row.forecast,
  forecastHorizonMonths: row.forecast_horizon_months,
  forecastAsOf: row.forecast_as_of,
  lastEventPosition: row.last_event_position,
  updatedAt: row.updated_at,
});

function filtered(db: Kysely<InnovatorSummaryTables>, filters: ListInnovatorsFilters) {
  let query = db.selectFrom('innovator_summary');
  if (filters.programmeId !== undefined) query = query.where('programme_id', '=', filters.programmeId);
  if (filters.challengeArea !== undefined) query = query.where('challenge_area', '=', filters.challengeArea);
  return query;
}

/**
 * The innovators matching the filters, by name, one page at a time, with the total count.
 *
 * @example
 * const { items, total } = await listInnovators(db, { programmeId: 'iep', challengeArea: 'mental-health' });
 * // items[0] → { innovatorId: 'inn-1', grants: 1, amountAwarded: 2000000, partnerships: 6, forecast: 18000000, ... }
 */
export async function listInnovators(
  db: Kysely<InnovatorSummaryTables>,
  filters: ListInnovatorsFilters = {},
): Promise<InnovatorSummaryPage> {
  const { limit, offset } = pageWindow(filters);
  const rows = await filtered(db, filters)
    .selectAll()
    .orderBy('name')
    .orderBy('innovator_id')
    .limit(limit)
    .offset(offset)
    .execute();
  const { total } = await filtered(db, filters)
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('total'))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toEntry), total: countOf(total) };
}

/**
 * One innovator's figures, or undefined when no such innovator is enrolled.
 *
 * @example
 * const innovator = await getInnovator(db, 'inn-1');
 * // → { innovatorId: 'inn-1', income: 3600000, incomeAttributable: 2400000, forecastHorizonMonths: 12, ... }
 */
export async function getInnovator(
  db: Kysely<InnovatorSummaryTables>,
  innovatorId: string,
): Promise<InnovatorSummaryEntry | undefined> {
  const row = await db
    .selectFrom('innovator_summary')
    .selectAll()
    .where('innovator_id', '=', innovatorId)
    .executeTakeFirst();
  return row && toEntry(row);
}
