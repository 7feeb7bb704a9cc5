import type { LedgerConfig } from '@ledger/config';
import { catchUpReadModels } from '../read-models-catch-up.js';
import type { Kysely } from 'kysely';
import type { Position } from '@ledger/event-store';
import {
  type ExportSource,
  type ExportTables,
  EXPORT_PROJECTIONS,
  readExportSource,
} from '@ledger/giving360';
import {
  ALL_PROJECTIONS,
  AsAtError,
  type LedgerReadModels,
  readModelsAt,
  resolveAsAt,
} from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { UsageError } from '../cli-exit.js';
import type { LedgerStores } from '../report/ledger-stores.js';

/**
 * What an export reads: the live read models brought up to the head of the log, or read models
 * built as the ledger stood at `asAt`. Undefined when the programme is unknown.
 */
export async function readSourceFor(
  config: LedgerConfig,
  stores: LedgerStores,
  programmeId: string | undefined,
  asAt: string | undefined,
): Promise<ExportSource | undefined> {
  const filter = programmeId === undefined ? {} : { programmeId };
  if (asAt === undefined) {
    await catchUpReadModels(config, stores, EXPORT_PROJECTIONS);
    return readExportSource(exportTablesOf(stores.readStore), filter);
  }
  const past = await readModelsAt<LedgerReadModels>(
    stores.events,
    ALL_PROJECTIONS,
    await positionOf(stores, asAt),
  );
  try {
    return await readExportSource(exportTablesOf(past.readStore), filter);
  } finally {
    await past.readStore.close();
  }
}

/** Kysely's database type is invariant: the read store holds a superset of the export's tables. */
const exportTablesOf = (readStore: ReadStore<LedgerReadModels>) =>
  readStore.db as unknown as Kysely<ExportTables>;

async function positionOf(stores: LedgerStores, text: string): Promise<Position | undefined> {
  try {
    return await resolveAsAt(stores.events, text);
  } catch (error) {
    if (error instanceof AsAtError) throw new UsageError(`--as-at: ${error.message}`);
    throw error;
  }
}

/** Runs the projections an export reads until they hold every event stored now; fails if one fails. */
