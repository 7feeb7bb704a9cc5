import type { EnrolInnovatorInput, ReportIncomeInput } from '@ledger/ledger-application';
import { CURRENCY, type IncomeSource, pence } from '@ledger/ledger-domain';
import { type DatedStep, managerStep } from './demo-step.js';
import { IEP_DATES, IEP_FIGURES } from './iep-facts.js';
import { itemAt, type SeededRandom } from './seeded-random.js';
import { splitAmount } from './split-amount.js';

const PENCE_PER_POUND = 100;
const FORECAST_HORIZON_MONTHS = 12;
/** How unevenly income and forecasts fall between innovators: the largest share is up to 5x the smallest. */
const SHARE_WEIGHT = { min: 20, max: 100 };
const REPORTING_PERIODS = [
  { periodStart: IEP_DATES.reportingFrom, periodEnd: '2018-05-31' },
  { periodStart: '2018-06-01', periodEnd: IEP_DATES.reportingTo },
] as const;

interface IncomeLine {
  readonly source: IncomeSource;
  readonly period: (typeof REPORTING_PERIODS)[number];
}

/**
 * Income each innovator reported for the six months, adding up to the published £650,000, and each
 * one's 12-month revenue forecast, adding up to £3.2m. Shares are whole pounds, so totals are exact.
 */
export function outcomeSteps(random: SeededRandom, innovators: readonly EnrolInnovatorInput[]): DatedStep[] {
  const incomes = shares(random, IEP_FIGURES.income, innovators.length);
  const forecasts = shares(random, IEP_FIGURES.forecast, innovators.length);
  return innovators.flatMap(({ innovatorId }, i) => [
    ...incomeReports(random, innovatorId, itemAt(incomes, i)),
    managerStep(IEP_DATES.reportingTo, 'RecordRevenueForecast', {
      innovatorId,
      amount: pence(itemAt(forecasts, i)),
      currency: CURRENCY,
      horizonMonths: FORECAST_HORIZON_MONTHS,
      asOf: IEP_DATES.reportingTo,
    }),
  ]);
}

/** A total in pence split into whole-pound shares, one per innovator. */
function shares(random: SeededRandom, totalPence: number, count: number): number[] {
  const weights = Array.from({ length: count }, () => random.int(SHARE_WEIGHT.min, SHARE_WEIGHT.max));
  return splitAmount(totalPence / PENCE_PER_POUND, weights).map((pounds) => pounds * PENCE_PER_POUND);
}

function incomeReports(random: SeededRandom, innovatorId: string, totalPence: number): DatedStep[] {
  const lines = incomeLines(random);
  const amounts = shares(random, totalPence, lines.length);
  return lines.map(({ source, period }, j) => {
    const input: ReportIncomeInput = {
      innovatorId,
      incomeId: `${innovatorId}-income-${j + 1}`,
      amount: pence(itemAt(amounts, j)),
      currency: CURRENCY,
      ...period,
      source,
      attributableToProgramme: true,
    };
    return managerStep(period.periodEnd, 'ReportIncome', input);
  });
}

/** Everyone earned income in both periods; some also won other grants or raised investment. */
function incomeLines(random: SeededRandom): IncomeLine[] {
  const [spring, summer] = REPORTING_PERIODS;
  return [
    { source: 'earned', period: spring },
    { source: 'earned', period: summer },
    ...(random.next() < 0.5 ? [{ source: 'grant' as const, period: random.pick(REPORTING_PERIODS) }] : []),
    ...(random.next() < 0.3 ? [{ source: 'investment' as const, period: summer }] : []),
  ];
}
