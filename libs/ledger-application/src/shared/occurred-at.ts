import type { DomainEvent } from '@ledger/ledger-domain';

/** The business date fields that say when an event happened in the world, in order of preference. */
const DATE_FIELDS = [
  'awardedOn',
  'paidOn',
  'revokedOn',
  'enrolledOn',
  'withdrawnOn',
  'madeOn',
  'closedOn',
  'convertedOn',
  'confirmedOn',
  'endedOn',
  'startedOn',
  'asOf',
  'periodEnd',
  'startDate',
] as const;

/**
 * When an event happened in the world: its business date (at 00:00 UTC) where it has one; corrections,
 * voids and budget movements happen when they are recorded.
 */
export function occurredAt(event: DomainEvent, now: string): string {
  const data = event.data as Record<string, unknown>;
  for (const field of DATE_FIELDS) {
    const value = data[field];
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T00:00:00.000Z`;
  }
  return now;
}
