import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { EventStore, Position } from '@ledger/event-store';
import {
  type Lease,
  type Leases,
  openAdvisoryLeases,
  openPostgresReadStore,
  type ReadStore,
} from '@ledger/read-store';
import { type AnyProjection, createProjectionRegistry } from '../../registry.js';
import { type Checkpoint, initialCheckpoint } from '../../runner/checkpoint.js';
import { insertCheckpoint, loadCheckpoint } from '../../runner/checkpoint-repository.js';
import { fromRow, RUNNER_MIGRATIONS, type RunnerTables, toRow } from '../../runner/checkpoint-table.js';
import { catchUp } from '../catch-up.js';
import { ProgressMeter } from '../progress-meter.js';
import { projectionTables } from '../projection-tables.js';
import type { RebuildOptions, RebuildResult } from '../rebuild-result.js';
import { RebuildFailure } from '../rebuild-result.js';
import { failedResult, since, unknownResult } from '../rebuild-results.js';

/** The PostgreSQL read store a rebuild works on. */
export interface PostgresRebuildTarget {
  readonly connectionString: string;
  /** The live read models' schema. */
  readonly schema: string;
}

const DEFAULT_BATCH_SIZE = 1_000;
/** Only a live worker kept ahead of the build through all of these makes the switch give up. */
const MAX_SWITCH_ATTEMPTS = 20;

/**
 * `projections rebuild` on PostgreSQL: each named projection is built from the start of the log into
 * a shadow schema of its own while the live tables keep answering, then switched in by ONE
 * transaction that locks the live tables, drops them, moves the shadow's tables into the live schema
 * and sets the checkpoint. PostgreSQL's DDL is transactional: readers see the old tables until the
 * commit and the new ones after, never a mix. A projector worker applying the projection meanwhile
 * waits on the lock, then goes on in the new tables from the new checkpoint (or finds it moved and
 * reloads it). A killed run leaves its shadow schema and checkpoint; the next run continues from it.
 * One run per projection at a time (an advisory lease); resolves with one result per name.
 *
 * @example
 * const results = await rebuildPostgresProjections(events, { connectionString, schema: 'ledger' },
 *   ALL_PROJECTIONS, ['grant-register']);
 */
export async function rebuildPostgresProjections(
  eventStore: EventStore,
  target: PostgresRebuildTarget,
  projections: readonly AnyProjection[],
  names: readonly string[],
  options: RebuildOptions = {},
): Promise<RebuildResult[]> {
  const registry = createProjectionRegistry(projections);
  const leases = openAdvisoryLeases({ connectionString: target.connectionString, scope: target.schema });
  const live = openPostgresReadStore<RunnerTables>({
    connectionString: target.connectionString,
    schema: target.schema,
  });
  try {
    const results: RebuildResult[] = [];
    for (const name of [...new Set(names)]) {
      if (!registry.has(name)) results.push(unknownResult(name, registry.projections));
      else if (options.signal?.aborted === true)
        results.push({ name, status: 'NotExecuted', events: 0, ms: 0 });
      else results.push(await rebuildOne(eventStore, target, live, leases, registry.get(name), options));
    }
    return results;
  } finally {
    await leases.close();
    await live.close();
  }
}

/** `ledger` + `grant-register` → `ledger_rebuild_3f2a…`: fixed, so a killed run is found and continued. */
export function shadowSchemaOf(schema: string, projectionName: string): string {
  const digest = createHash('sha256').update(`${schema}\u0000${projectionName}`).digest('hex').slice(0, 16);
  return `${schema.slice(0, 40)}_rebuild_${digest}`;
}

async function rebuildOne(
  eventStore: EventStore,
  target: PostgresRebuildTarget,
  live: ReadStore<RunnerTables>,
  leases: Leases,
  projection: AnyProjection,
  options: RebuildOptions,
): Promise<RebuildResult> {
  const { name } = projection;
  const started = performance.now();
  let lease: Lease | undefined;
  let shadow: ReadStore<RunnerTables> | undefined;
  let eventsRead = 0;
  try {
    lease = await leases.tryAcquire(`rebuild:${name}`);
    if (lease === undefined) {
      const message = `Projection "${name}" is already being rebuilt by another process; try again when it has finished.`;
      return {
        name,
        status: 'Error',
        events: 0,
        ms: since(started),
        error: { code: 'REBUILD.ALREADY_RUNNING', message },
      };
    }
    const clock = options.clock ?? (() => new Date());
    const tables = await projectionTables(projection);
    await live.migrate({ ...RUNNER_MIGRATIONS, ...projection.migrations });
    const shadowSchema = shadowSchemaOf(target.schema, name);
    shadow = await openShadow(target, shadowSchema, projection, live, clock());
    let checkpoint = (await loadCheckpoint(shadow.db, name)) ?? initialCheckpoint(name, projection.version);
    const meter = new ProgressMeter(name, checkpoint.position, await eventStore.headPosition(), () =>
      performance.now(),
    );
    const context = {
      eventStore,
      projection,
      batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
      clock,
      signal: options.signal,
      afterBatch: (at: Checkpoint) => {
        options.onProgress?.(meter.at('building', at.position));
        return Promise.resolve();
      },
    };
    for (let attempt = 1; ; attempt += 1) {
      checkpoint = (await catchUp(context, shadow.db, checkpoint)).checkpoint;
      eventsRead = meter.eventsSince(checkpoint.position);
      options.onProgress?.(meter.at('switching', checkpoint.position));
      const switched = await switchIn(
        live.db,
        target.schema,
        shadowSchema,
        tables,
        checkpoint,
        eventStore,
        clock(),
      );
      if (switched) break;
      if (attempt === MAX_SWITCH_ATTEMPTS) {
        throw new RebuildFailure({
          code: 'REBUILD.FAILED',
          message: `The live projection stayed ahead of the build through ${MAX_SWITCH_ATTEMPTS} switch attempts; the build is kept, try again.`,
        });
      }
    }
    await sql`drop schema if exists ${sql.id(shadowSchema)} cascade`.execute(live.db);
    options.onProgress?.(meter.at('done', checkpoint.position));
    const result = {
      name,
      status: 'Success',
      events: meter.eventsSince(checkpoint.position),
      ms: since(started),
    } as const;
    return checkpoint.position === undefined ? result : { ...result, position: checkpoint.position };
  } catch (error) {
    return failedResult(name, eventsRead, since(started), error);
  } finally {
    await shadow?.close();
    await lease?.release();
  }
}

/** Opens the shadow schema, or starts it again when it holds another version's build. */
async function openShadow(
  target: PostgresRebuildTarget,
  schema: string,
  projection: AnyProjection,
  live: ReadStore<RunnerTables>,
  now: Date,
): Promise<ReadStore<RunnerTables>> {
  const found = await existingCheckpoint(live.db, schema, projection.name);
  if (found !== undefined && found.version !== projection.version) {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(live.db);
  }
  const shadow = openPostgresReadStore<RunnerTables>({
    connectionString: target.connectionString,
    schema,
    maxConnections: 2,
  });
  try {
    await shadow.migrate({ ...RUNNER_MIGRATIONS, ...projection.migrations });
    await insertCheckpoint(shadow.db, initialCheckpoint(projection.name, projection.version), now);
    return shadow;
  } catch (error) {
    await shadow.close();
    throw error;
  }
}

async function existingCheckpoint(
  db: Kysely<RunnerTables>,
  schema: string,
  name: string,
): Promise<Checkpoint | undefined> {
  const exists = await sql<{
    found: string | null;
  }>`select to_regclass(${`${schema}.projection_checkpoints`}) as found`.execute(db);
  if (exists.rows[0]?.found == null) return undefined;
  const row = await db
    .withSchema(schema)
    .selectFrom('projection_checkpoints')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst();
  return row === undefined ? undefined : fromRow(row);
}

/**
 * The switch, in one transaction of the live schema. The live tables are locked first, then the
 * checkpoint row: the order a worker's batch takes them in, so the two never deadlock. False when a
 * live worker already got past the build: the build catches up and the switch is tried again.
 */
async function switchIn(
  db: Kysely<RunnerTables>,
  liveSchema: string,
  shadowSchema: string,
  tables: readonly string[],
  built: Checkpoint,
  eventStore: EventStore,
  now: Date,
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const qualified = tables.map((table) => sql.id(liveSchema, table));
    await sql`lock table ${sql.join(qualified)} in access exclusive mode`.execute(trx);
    const liveRow = await trx
      .selectFrom('projection_checkpoints')
      .selectAll()
      .where('name', '=', built.name)
      .forUpdate()
      .executeTakeFirst();
    const liveAt = liveRow?.position ?? undefined;
    if (
      liveAt != null &&
      (built.position === undefined || eventStore.comparePositions(liveAt as Position, built.position) > 0)
    ) {
      return false;
    }
    for (const table of tables) {
      await sql`drop table ${sql.id(liveSchema, table)} cascade`.execute(trx);
      await sql`alter table ${sql.id(shadowSchema, table)} set schema ${sql.id(liveSchema)}`.execute(trx);
    }
    await upsertCheckpoint(trx, built, liveRow?.status === 'running' ? 'running' : 'stopped', now);
    return true;
  });
}

async function upsertCheckpoint(
  trx: Transaction<RunnerTables>,
  built: Checkpoint,
  status: Checkpoint['status'],
  now: Date,
): Promise<void> {
  const row = toRow({ ...built, status, error: undefined }, now);
  await trx
    .insertInto('projection_checkpoints')
    .values(row)
    .onConflict((conflict) => conflict.column('name').doUpdateSet(row))
    .execute();
}
