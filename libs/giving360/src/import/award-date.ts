import type { IsoDate } from '@ledger/ledger-domain';
import { type GrantProblem, problem, shown } from './grant-problem.js';

export type AwardDateResult = { readonly date: IsoDate } | { readonly problem: GrantProblem };

/** `YYYY-MM-DD`, or a date-time on that day (the offset is optional: only the date is kept). */
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The award date as the publisher wrote it: the calendar date of `YYYY-MM-DD` or of a date-time,
 * read from the text (not converted to UTC, which could move it to another day). Anything else,
 * such as `24/07/2014`, is a problem: day-first and month-first dates cannot be told apart.
 *
 * @example
 * awardDateOf('2021-01-26T00:00:00+00:00', '2025-01-01'); // { date: '2021-01-26' }
 */
export function awardDateOf(value: unknown, today: IsoDate, field = 'awardDate'): AwardDateResult {
  const match = typeof value === 'string' ? ISO.exec(value.trim()) : null;
  if (!match || !isCalendarDate(match) || !isClockTime(match)) {
    const message = `${field} ${shown(value)} is not an ISO 8601 date (YYYY-MM-DD, or a date-time)`;
    return { problem: problem('AWARD_DATE.NOT_ISO_8601', message) };
  }
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  if (date > today) {
    return { problem: problem('AWARD_DATE.IN_FUTURE', `${field} ${date} is in the future`) };
  }
  return { date };
}

function isCalendarDate([, year, month, day]: RegExpExecArray): boolean {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const utc = new Date(Date.UTC(y, m - 1, d));
  return utc.getUTCFullYear() === y && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d;
}

function isClockTime(match: RegExpExecArray): boolean {
  const [hours, minutes, seconds] = [match[4], match[5], match[6]].map(Number);
  return (
    match[4] === undefined ||
    ((hours ?? 0) < 24 && (minutes ?? 0) < 60 && (match[6] === undefined || (seconds ?? 0) < 61))
  );
}
