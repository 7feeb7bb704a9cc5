import { ruleBroken } from './errors.js';

/** An ISO calendar date, `YYYY-MM-DD`. Business facts are dated, not timed. */
export type IsoDate = string;

/** The calendar date (UTC) of an ISO instant. */
export function dateOf(instant: string): IsoDate {
  return instant.slice(0, 10);
}

/** Rejects a business date later than today (UTC). `field` names the offending input. */
export function assertNotInFuture(date: IsoDate, now: string, field: string): void {
  if (date > dateOf(now)) {
    throw ruleBroken('DATE.IN_FUTURE', `${field} ${date} is in the future`, { field, date });
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
