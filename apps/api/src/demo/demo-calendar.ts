import type { IsoDate } from '@ledger/ledger-domain';
import type { SeededRandom } from './seeded-random.js';

const DAY_MS = 86_400_000;

const toTime = (date: IsoDate): number => Date.parse(`${date}T00:00:00.000Z`);
const toDate = (time: number): IsoDate => new Date(time).toISOString().slice(0, 10);

/** The calendar date `days` after `date` (UTC, so no daylight-saving surprises). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return toDate(toTime(date) + days * DAY_MS);
}

/** A date in [from, to], both inclusive. */
export function dateBetween(random: SeededRandom, from: IsoDate, to: IsoDate): IsoDate {
  return addDays(from, random.int(0, Math.round((toTime(to) - toTime(from)) / DAY_MS)));
}

/** The earlier of two dates. */
export function earlier(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}
