import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@ledger/event-store';
import type { LedgerEvent, LedgerEventType } from '@ledger/ledger-domain';
import type { ProgrammeImpactTables } from './programme-impact.tables.js';

export type ImpactTrx = Transaction<ProgrammeImpactTables>;

/** Applies one event of type `T` to the impact tables, inside the runner's transaction. */
export type ImpactHandler<T extends LedgerEventType = LedgerEventType> = (
  trx: ImpactTrx,
  data: Extract<LedgerEvent, { type: T }>['data'],
  event: RecordedEvent,
) => Promise<void>;

/** A handler per event type; the projection subscribes to exactly these keys. */
export type ImpactHandlers<T extends LedgerEventType> = { readonly [K in T]: ImpactHandler<K> };

/**
 * An event names an entity the projection has never seen. That is a gap in the log or a bug, so the
 * projection stops at this event (SPEC §6: nothing is skipped silently).
 */
export function unknownEntity(kind: string, id: string, event: RecordedEvent): Error {
  return new Error(
    `programme-impact: ${event.type} at position ${event.globalPosition} names unknown ${kind} "${id}"`,
  );
}
