import type { Kysely } from 'kysely';
import { type FunnelPoint, type FunnelRow, funnelRow, funnelRows } from './introduction-funnel.figures.js';
import type { IntroductionFunnelTables } from './introduction-funnel.tables.js';

export type FunnelDimension = 'challenge-area' | 'partner-sector' | 'month' | 'total';

export interface FunnelFilters {
  readonly programmeId: string;
  readonly by: FunnelDimension;
  /** Introductions made on or after this ISO date. */
  readonly from?: string;
  /** Introductions made on or before this ISO date. */
  readonly to?: string;
}

const COLUMN = {
  'challenge-area': 'challenge_area',
  'partner-sector': 'partner_sector',
  month: 'month',
} as const;

async function pointsOf(
  db: Kysely<IntroductionFunnelTables>,
  filters: FunnelFilters,
): Promise<FunnelPoint[]> {
  let query = db
    .selectFrom('funnel_introductions')
    .select(['challenge_area', 'partner_sector', 'month', 'status', 'days_to_partnership'])
    .where('programme_id', '=', filters.programmeId)
    // A voided introduction never happened: it is in no figure.
    .where('status', '!=', 'voided');
  if (filters.from !== undefined) query = query.where('made_on', '>=', filters.from);
  if (filters.to !== undefined) query = query.where('made_on', '<=', filters.to);
  const rows = await query.execute();
  const { by } = filters;
  return rows.map((row) => ({
    key: by === 'total' ? 'total' : row[COLUMN[by]],
    converted: row.status === 'converted',
    daysToPartnership: row.days_to_partnership,
  }));
}

/**
 * Introductions, partnerships, conversion rate and median days to partnership for a programme, cut by
 * challenge area, partner sector or month, or in total. Medians are computed here rather than in SQL,
 * which SQLite and PostgreSQL do differently.
 *
 * @example
 * await funnel(db, { programmeId: 'iep', by: 'total' });
 * // → [{ key: 'total', introductions: 230, partnerships: 100, conversionRate: 0.4348, medianDaysToPartnership: 41 }]
 * await funnel(db, { programmeId: 'iep', by: 'month', from: '2017-10-01', to: '2017-12-31' });
 * // → [{ key: '2017-10', ... }, { key: '2017-11', ... }, { key: '2017-12', ... }]
 */
export async function funnel(
  db: Kysely<IntroductionFunnelTables>,
  filters: FunnelFilters,
): Promise<FunnelRow[]> {
  const points = await pointsOf(db, filters);
  // The total is one row even with nothing in range, so a report always has its headline figure.
  return filters.by === 'total' ? [funnelRow('total', points)] : funnelRows(points);
}
