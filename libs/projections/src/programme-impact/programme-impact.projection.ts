import type { RecordedEvent } from '@ledger/event-store';
import type { LedgerEventType } from '@ledger/ledger-domain';
import type { Projection } from '../projection.js';
import type { ImpactTrx } from './programme-impact.handler.js';
import { grantHandlers } from './programme-impact-grants.handlers.js';
import { networkHandlers } from './programme-impact-network.handlers.js';
import { outcomeHandlers } from './programme-impact-outcomes.handlers.js';
import { programmeHandlers } from './programme-impact-programmes.handlers.js';
import { programmeImpactBatch } from './programme-impact.batch.js';
import { programmeImpactMigrations } from './programme-impact.migrations.js';
import type { ProgrammeImpactTables } from './programme-impact.tables.js';

// Each handler is typed by its own event's data; looked up by a type string, they share this signature.
type RegisteredHandler = (trx: ImpactTrx, data: never, event: RecordedEvent) => Promise<void>;

const HANDLERS: Readonly<Partial<Record<LedgerEventType, RegisteredHandler>>> = {
  ...programmeHandlers,
  ...outcomeHandlers,
  ...grantHandlers,
  ...networkHandlers,
};

async function handle(trx: ImpactTrx, event: RecordedEvent): Promise<void> {
  const handler = HANDLERS[event.type as LedgerEventType];
  if (!handler) throw new Error(`programme-impact does not handle ${event.type}`);
  // The runner delivers only the types listed in eventTypes, upcast to their current schema, so the
  // data has the shape of the event type the handler was registered for.
  await handler(trx, event.data as never, event);
}

/**
 * The programme-impact read model: self-contained `impact_*` fact tables from which the DCMS impact
 * report is computed for any programme and period (see `impactFacts`).
 *
 * @example
 * const registry = createProjectionRegistry([anyProjection(programmeImpactProjection)]);
 * const facts = await impactFacts(readStore.db, 'iep', { from: '2017-08-01', to: '2018-09-30' });
 */
export const programmeImpactProjection: Projection<ProgrammeImpactTables> = {
  name: 'programme-impact',
  version: 1,
  eventTypes: Object.keys(HANDLERS),
  migrations: programmeImpactMigrations,
  handle,
  sqliteBatch: programmeImpactBatch,
};
