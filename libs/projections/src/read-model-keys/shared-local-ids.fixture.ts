import type { EventMetadata, NewEvent } from '@ledger/event-store';
import { type LedgerEvent, pence, SCHEMA_VERSIONS, streamName } from '@ledger/ledger-domain';
import {
  forecastRecorded,
  grantAwarded,
  incomeReported,
  innovatorEnrolled,
  introductionMade,
  programmeLaunched,
} from '../programme-impact/impact-events.fixture.js';

/** What the two streams of each kind share: one income id, one payment id, one as-of date. */
export const SHARED = { incomeId: 'income-1', paymentId: 'payment-1', asOf: '2018-09-30' } as const;

export const PROGRAMME_ID = 'iep';
export const INNOVATORS = ['inn-a', 'inn-b'] as const;

/** An event of the ledger with the stream it is appended to. */
export interface StreamEvent {
  readonly stream: string;
  readonly event: LedgerEvent;
}

const on = (category: Parameters<typeof streamName>[0], id: string, event: LedgerEvent): StreamEvent => ({
  stream: streamName(category, id),
  event,
});

/** Innovator `inn-a` (or `inn-b`): its own grant, payment, income, forecast and introduction. */
function innovatorHistory(innovatorId: string, n: number): StreamEvent[] {
  const grantId = `grant-of-${innovatorId}`;
  const introductionId = `introduction-of-${innovatorId}`;
  const payment: LedgerEvent = {
    type: 'GrantPaymentMade',
    data: { grantId, paymentId: SHARED.paymentId, amount: pence(100_000 * n), paidOn: '2017-10-01' },
  };
  return [
    on('innovator', innovatorId, innovatorEnrolled(innovatorId)),
    on('grant', grantId, grantAwarded(grantId, innovatorId, 1_000_000 * n)),
    on('grant', grantId, payment),
    on('innovator', innovatorId, incomeReported(SHARED.incomeId, innovatorId, 2_000_000 * n)),
    on('innovator', innovatorId, forecastRecorded(innovatorId, 3_000_000 * n, SHARED.asOf)),
    on('introduction', introductionId, introductionMade(introductionId, innovatorId)),
  ];
}

/**
 * A programme with two innovators, each with a grant, a payment on it, an income report, a revenue
 * forecast and an introduction, such that two streams share every `local` field of EVENT_IDENTITIES
 * (the shared-local-ids spec checks that they do). The second innovator's amounts are twice the
 * first's, so a figure that counts one of them only, or one twice, shows.
 */
export function sharedLocalIdsLedger(): StreamEvent[] {
  const partner: LedgerEvent = {
    type: 'PartnerRegistered',
    data: { partnerId: 'partner-1', name: 'Illustrative partner', sector: 'business' },
  };
  return [
    on('programme', PROGRAMME_ID, programmeLaunched(PROGRAMME_ID)),
    on('partner', 'partner-1', partner),
    ...INNOVATORS.flatMap((innovatorId, index) => innovatorHistory(innovatorId, index + 1)),
  ];
}

const METADATA: EventMetadata = {
  actor: { id: 'principal-1', role: 'programme-manager' },
  commandId: 'command-1',
  correlationId: 'correlation-1',
  causationId: 'command-1',
  source: 'api',
};

/** The event as an append takes it, at its type's current schema version. */
export function toNewEvent({ type, data }: LedgerEvent): NewEvent {
  return {
    type,
    data,
    schemaVersion: SCHEMA_VERSIONS[type],
    occurredAt: '2018-10-01T00:00:00.000Z',
    metadata: METADATA,
  };
}

type DataOf<T extends LedgerEvent['type']> = Extract<LedgerEvent, { type: T }>['data'];

/** The data of every event of `type` in the ledger, with its stream. */
export function eventsOf<T extends LedgerEvent['type']>(
  ledger: readonly StreamEvent[],
  type: T,
): { readonly stream: string; readonly data: DataOf<T> }[] {
  return ledger
    .filter(({ event }) => event.type === type)
    .map(({ stream, event }) => ({ stream, data: event.data as DataOf<T> }));
}
