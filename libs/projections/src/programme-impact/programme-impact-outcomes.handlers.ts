import type { ImpactHandlers } from './programme-impact.handler.js';
import { programmeOfInnovator } from './programme-impact.lookups.js';

/** What the innovators report: income generated and revenue forecast. */
export const outcomeHandlers: ImpactHandlers<'IncomeReported' | 'RevenueForecastRecorded'> = {
  IncomeReported: async (trx, data, event) => {
    await trx
      .insertInto('impact_income')
      .values({
        income_id: data.incomeId,
        innovator_id: data.innovatorId,
        programme_id: await programmeOfInnovator(trx, data.innovatorId, event),
        amount: data.amount,
        source: data.source,
        attributable: data.attributableToProgramme ? 1 : 0,
        period_start: data.periodStart,
        period_end: data.periodEnd,
      })
      .execute();
  },
  // Every forecast is kept (one per as-of date) so a report for an earlier period still finds the
  // forecast that was latest then; a second forecast with the same as-of date restates the first.
  RevenueForecastRecorded: async (trx, data, event) => {
    const values = { amount: data.amount, horizon_months: data.horizonMonths };
    await trx
      .insertInto('impact_forecasts')
      .values({
        innovator_id: data.innovatorId,
        programme_id: await programmeOfInnovator(trx, data.innovatorId, event),
        as_of: data.asOf,
        ...values,
      })
      .onConflict((oc) => oc.columns(['innovator_id', 'as_of']).doUpdateSet(values))
      .execute();
  },
};
