import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { InnovatorSummaryTable, InnovatorSummaryTables } from './innovator-summary.tables.js';

export type Trx = Transaction<InnovatorSummaryTables>;

export type Figures = Pick<
  InnovatorSummaryTable,
  | 'status'
  | 'grants'
  | 'amount_awarded'
  | 'amount_paid'
  | 'introductions'
  | 'partnerships'
  | 'income'
  | 'income_attributable'
  | 'forecast'
  | 'forecast_horizon_months'
  | 'forecast_as_of'
>;

/** The columns of an innovator's figures, as the handler and the batch applier read and write them. */
export const FIGURE_COLUMNS = [
  'status',
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
] as const satisfies readonly (keyof Figures)[];

export const ZERO_FIGURES: Figures = {
  status: 'enrolled',
  grants: 0,
  amount_awarded: 0,
  amount_paid: 0,
  introductions: 0,
  partnerships: 0,
  income: 0,
  income_attributable: 0,
  forecast: null,
  forecast_horizon_months: null,
  forecast_as_of: null,
};

/**
 * Reads an innovator's figures, applies `change`, and writes them back with the event's stamp.
 * Read-modify-write in TypeScript keeps the arithmetic out of dialect-specific SQL.
 */
export async function amendFigures(
  trx: Trx,
  innovatorId: string,
  event: RecordedEvent,
  change: (row: Figures) => Partial<Figures>,
): Promise<void> {
  const row = await trx
    .selectFrom('innovator_summary')
    .select(FIGURE_COLUMNS)
    .where('innovator_id', '=', innovatorId)
    .executeTakeFirst();
  // Stop the projection rather than skip: a fact about an innovator never enrolled means the log and this model disagree.
  if (!row)
    throw new Error(`innovator-summary: ${event.type} for innovator ${innovatorId}, who is not enrolled`);
  await trx
    .updateTable('innovator_summary')
    .set({ ...change(row), last_event_position: event.globalPosition, updated_at: event.recordedAt })
    .where('innovator_id', '=', innovatorId)
    .execute();
}
