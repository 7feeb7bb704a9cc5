import type { CountFigure, MoneyFigure, RatioFigure } from './impact-report.types.js';

// One formatter per kind of figure, so the JSON, CSV and HTML all carry the same display text.

const NOT_APPLICABLE = 'n/a';

const grouped = (n: number) => n.toLocaleString('en-GB');

export function countFigure(value: number): CountFigure {
  return { value, display: grouped(value) };
}

/** Whole pounds when there are no pence ('£360,000'), otherwise pounds and pence ('£360,000.50'). */
export function moneyFigure(pence: number): MoneyFigure {
  const pounds = Math.trunc(pence / 100);
  const rest = pence % 100;
  const display = `£${grouped(pounds)}${rest === 0 ? '' : `.${String(rest).padStart(2, '0')}`}`;
  return { pence, display };
}

/**
 * numerator / denominator × scale, rounded half up to a whole number of units. Integer arithmetic
 * until the single division, so the halfway cases round as people expect.
 */
function roundedUnits(numerator: number, denominator: number, scale: number): number {
  return Math.round((numerator * scale) / denominator);
}

/** A whole percent: 100 of 9 → 1111, '1,111%'. */
export function wholePercent(numerator: number, denominator: number): RatioFigure {
  const rounding = 'percent, rounded half up to a whole number';
  if (denominator === 0) return { numerator, denominator, value: null, rounding, display: NOT_APPLICABLE };
  const value = roundedUnits(numerator, denominator, 100);
  return { numerator, denominator, value, rounding, display: `${grouped(value)}%` };
}

/** A percent to one decimal: 100 of 230 → 43.5, '43.5%'. */
export function percentOneDecimal(numerator: number, denominator: number): RatioFigure {
  const rounding = 'percent, rounded half up to one decimal';
  if (denominator === 0) return { numerator, denominator, value: null, rounding, display: NOT_APPLICABLE };
  const tenths = roundedUnits(numerator, denominator, 1000);
  const display = `${grouped(Math.trunc(tenths / 10))}.${tenths % 10}%`;
  return { numerator, denominator, value: tenths / 10, rounding, display };
}

/** Pounds of income per pound granted, to two decimals: 65,000,000 / 36,000,000 → 1.81. */
export function leverageFigure(incomePence: number, grantedPence: number): RatioFigure {
  const rounding = 'ratio, rounded half up to two decimals';
  if (grantedPence === 0) {
    return {
      numerator: incomePence,
      denominator: grantedPence,
      value: null,
      rounding,
      display: NOT_APPLICABLE,
    };
  }
  const hundredths = roundedUnits(incomePence, grantedPence, 100);
  const pounds = `${grouped(Math.trunc(hundredths / 100))}.${String(hundredths % 100).padStart(2, '0')}`;
  const display = `£${pounds} per £1 granted`;
  return { numerator: incomePence, denominator: grantedPence, value: hundredths / 100, rounding, display };
}

/** '12 months', '6–12 months', or 'n/a' when no forecast was recorded. */
export function horizonDisplay(months: readonly number[]): string {
  const [shortest, longest] = [months.at(0), months.at(-1)];
  if (shortest === undefined || longest === undefined) return NOT_APPLICABLE;
  return shortest === longest ? `${shortest} months` : `${shortest}–${longest} months`;
}

/** '2017-08-01' → '1 August 2017' (the calendar date, whatever the server's time zone). */
export function dateDisplay(date: string): string {
  const options = { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' } as const;
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-GB', options);
}

export function targetDisplay(target: number | undefined): { value: number | null; display: string } {
  return target === undefined ? { value: null, display: NOT_APPLICABLE } : countFigure(target);
}
