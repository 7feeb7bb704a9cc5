import { ruleBroken } from './errors.js';

/** An ISO calendar date, `YYYY-MM-DD`. Business facts are dated, not timed. */
export type IsoDate = string;

/**
 * The earliest business date the ledger takes (ADR 0019). Nothing it records, a programme, a grant,
 * an income period, predates it, so an earlier date is a slip such as `0000-01-01` or `0218-03-01`.
 */
export const EARLIEST_DATE: IsoDate = '1900-01-01';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for `YYYY-MM-DD` naming a day that exists (`2018-02-30` does not). */
export function isCalendarDate(value: unknown): value is IsoDate {
  const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Days in a month of the (proleptic) Gregorian calendar, counted: the domain does not use Date. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The calendar date (UTC) of an ISO instant. */
export function dateOf(instant: string): IsoDate {
  return instant.slice(0, 10);
}

/**
 * Rejects a date that is not a real calendar day written `YYYY-MM-DD` (DATE.INVALID) or is before
 * EARLIEST_DATE (DATE.IMPLAUSIBLE). Checked here, not only by the HTTP validators, so the CLI, the
 * 360Giving import and the demo get it too. `field` names the offending input.
 */
export function assertPlausibleDate(date: IsoDate, field: string): void {
  if (!isCalendarDate(date)) {
    throw ruleBroken('DATE.INVALID', `${field} ${String(date)} is not a calendar date written YYYY-MM-DD`, {
      field,
      date,
    });
  }
  if (date < EARLIEST_DATE) {
    throw ruleBroken('DATE.IMPLAUSIBLE', `${field} ${date} is before ${EARLIEST_DATE}`, {
      field,
      date,
      earliest: EARLIEST_DATE,
    });
  }
}

/** The date of something that has happened: plausible, and not later than today (UTC). */
export function assertFactDate(date: IsoDate, now: string, field: string): void {
  assertPlausibleDate(date, field);
  if (date > dateOf(now)) {
    throw ruleBroken('DATE.IN_FUTURE', `${field} ${date} is in the future`, { field, date });
  }
}

/**
 * Rejects `date` when it is earlier than the date of what it depends on (a withdrawal before the
 * enrolment, a revocation before a payment): such a fact cannot have happened. `code` names the rule.
 */
export function assertNotBefore(
  date: IsoDate,
  field: string,
  earliest: { readonly date: IsoDate; readonly field: string },
  code: string,
): void {
  if (date < earliest.date) {
    throw ruleBroken(code, `${field} ${date} is before ${earliest.field} ${earliest.date}`, {
      [field]: date,
      [earliest.field]: earliest.date,
    });
  }
}

/** Rejects a date outside [start, end] inclusive. */
export function assertWithin(date: IsoDate, start: IsoDate, end: IsoDate, field: string): void {
  if (date < start || date > end) {
    throw ruleBroken(
      'DATE.OUTSIDE_PROGRAMME',
      `${field} ${date} is outside the programme dates ${start}..${end}`,
      {
        field,
        date,
        start,
        end,
      },
    );
  }
}
