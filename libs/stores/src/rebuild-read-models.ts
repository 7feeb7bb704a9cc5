import type { LedgerConfig } from '@ledger/config';
import type { EventStore } from '@ledger/event-store';
import {
  type AnyProjection,
  rebuildPostgresProjections,
  rebuildProjections,
  type RebuildOptions,
  type RebuildResult,
} from '@ledger/projections';

/**
 * Rebuilds the named projections in the read store the configuration names: beside the SQLite
 * file and switched in by one copying transaction, or in a PostgreSQL shadow schema switched in by
 * one renaming transaction. Either way the old tables answer until the switch (ADRs 0006, 0008).
 *
 * @example
 * const results = await rebuildReadModels(config, events, ALL_PROJECTIONS, ['grant-register']);
 */
export function rebuildReadModels(
  config: LedgerConfig,
  events: EventStore,
  projections: readonly AnyProjection[],
  names: readonly string[],
  options: RebuildOptions = {},
): Promise<RebuildResult[]> {
  const { readStore } = config;
  if (readStore.kind === 'sqlite')
    return rebuildProjections(events, readStore.file, projections, names, options);
  const target = { connectionString: readStore.url, schema: readStore.schema };
  return rebuildPostgresProjections(events, target, projections, names, options);
}
