import type { RecordedEvent } from '@ledger/event-store';
import type { IncomeReported, InnovatorEnrolled, RevenueForecastRecorded } from '@ledger/ledger-domain';
import { amendFigures, type Figures, type Trx, ZERO_FIGURES } from './innovator-summary.figures.js';

export async function enrolled(
  trx: Trx,
  data: InnovatorEnrolled['data'],
  event: RecordedEvent,
): Promise<void> {
  const described = {
    programme_id: data.programmeId,
    name: data.name,
    challenge_area: data.challengeArea,
    enrolled_on: data.enrolledOn,
  };
  const stamp = { last_event_position: event.globalPosition, updated_at: event.recordedAt };
  await trx
    .insertInto('innovator_summary')
    .values({ innovator_id: data.innovatorId, ...described, ...ZERO_FIGURES, ...stamp })
    // A re-delivered enrolment refreshes who the innovator is and keeps the figures later events built.
    .onConflict((oc) => oc.column('innovator_id').doUpdateSet({ ...described, ...stamp }))
    .execute();
}

export const withdrawn = (trx: Trx, innovatorId: string, event: RecordedEvent): Promise<void> =>
  amendFigures(trx, innovatorId, event, () => ({ status: 'withdrawn' }));

export function incomeReported(trx: Trx, data: IncomeReported['data'], event: RecordedEvent): Promise<void> {
  const { amount, attributableToProgramme } = data;
  return amendFigures(trx, data.innovatorId, event, (row) => ({
    income: row.income + amount,
    income_attributable: row.income_attributable + (attributableToProgramme ? amount : 0),
  }));
}

/** The forecast with the latest as-of date wins; of two on the same date, the later recorded. */
export function forecastRecorded(
  trx: Trx,
  data: RevenueForecastRecorded['data'],
  event: RecordedEvent,
): Promise<void> {
  const latest = (row: Figures): Partial<Figures> =>
    row.forecast_as_of !== null && row.forecast_as_of > data.asOf
      ? {}
      : { forecast: data.amount, forecast_horizon_months: data.horizonMonths, forecast_as_of: data.asOf };
  return amendFigures(trx, data.innovatorId, event, latest);
}
