import { readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { openSqliteEventStore, type Position, type SqliteEventStore } from '@ledger/event-store';
import { openSqliteReadStore, type ReadStore, type RowChange } from '@ledger/read-store';
import { anyProjection } from '../registry.js';
import { rebuildProjections } from './rebuild-projections.js';
import { replayProjection } from './replay-projection.js';
import { readSnapshot, type SnapshotTables, storedRows } from './testing/read-model-snapshot.js';
import { appendTestEvents } from './testing/rebuild-test-events.js';
import { TOTALS_NAME, totalsProjection } from './testing/rebuild-test-projections.js';

const EVENTS = 2_000;
const STREAMS = 50;
const version = (weight: number) => [anyProjection(totalsProjection(weight))];

/** `rows` with the new values of the changes listed for them. */
function patched<Row extends Record<string, unknown>>(
  rows: readonly Row[],
  table: string,
  key: keyof Row & string,
  changes: readonly RowChange[],
): Row[] {
  return rows.map((row) => {
    const change = changes.find((c) => c.table === table && c.key[key] === row[key]);
    const values = Object.entries(change?.values ?? {}).map(([column, value]) => [column, value.new]);
    return { ...row, ...(Object.fromEntries(values) as Partial<Row>) };
  });
}

describe('replayProjection', () => {
  let dir: string;
  let events: SqliteEventStore;
  let readFile: string;
  let live: ReadStore<SnapshotTables>;
  const from = (position: string) => ({ position: position as Position });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-replay-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    readFile = join(dir, 'read.sqlite');
    await appendTestEvents(events, EVENTS);
    await rebuildProjections(events, readFile, version(1), [TOTALS_NAME]);
    live = openSqliteReadStore<SnapshotTables>({ file: readFile });
  });
  afterEach(async () => {
    await live.close();
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given a fixed handler, when replayed as a dry run, then every differing row is listed with old and new values and nothing is written', async () => {
    const before = await storedRows(live.db);

    const result = await replayProjection(events, readFile, version(2), TOTALS_NAME, { dryRun: true });

    expect(result).toMatchObject({ name: TOTALS_NAME, status: 'Success', dryRun: true, events: EVENTS });
    const differing = [...before.totals.map((row) => row.total), ...before.log.map((row) => row.weighted)];
    expect(result.changes).toHaveLength(differing.filter((value) => value !== 0).length);
    const first = before.totals[0];
    expect(result.changes).toContainEqual({
      table: 'rebuild_test_totals',
      key: { stream: first?.stream },
      change: 'changed',
      values: { total: { old: first?.total, new: (first?.total ?? 0) * 2 } },
    });
    expect(await storedRows(live.db)).toEqual(before);
    expect(readdirSync(dir).filter((file) => file.includes('replay'))).toEqual([]);
  });

  test('given a position, when replayed as a dry run, then only rows touched by events from there on are listed', async () => {
    const { log, totals } = await storedRows(live.db);

    const result = await replayProjection(events, readFile, version(2), TOTALS_NAME, {
      dryRun: true,
      from: from('1001'),
    });

    expect(result.fromPosition).toBe('1001');
    const listed = result.changes.filter((c) => c.table === 'rebuild_test_log').map((c) => c.key['event_id']);
    // A zero amount weighs zero in both versions: touched, but not changed.
    const touched = log.filter((row) => Number(row.position) >= 1001 && row.weighted !== 0);
    expect(listed.sort()).toEqual(touched.map((row) => row.event_id).sort());
    const streams = new Set(log.filter((row) => Number(row.position) >= 1001).map((row) => row.stream));
    const listedTotals = result.changes
      .filter((c) => c.table === 'rebuild_test_totals')
      .map((c) => c.key['stream']);
    expect(listedTotals.sort()).toEqual(
      totals
        .filter((row) => streams.has(row.stream) && row.total !== 0)
        .map((row) => row.stream)
        .sort(),
    );
    expect(listedTotals.length).toBeLessThan(STREAMS);
  });

  test('given a position, when replayed for real, then exactly the listed rows change, atomically with the checkpoint', async () => {
    const before = await storedRows(live.db);
    const preview = await replayProjection(events, readFile, version(2), TOTALS_NAME, {
      dryRun: true,
      from: from('1001'),
    });

    const result = await replayProjection(events, readFile, version(2), TOTALS_NAME, { from: from('1001') });

    expect(result).toMatchObject({ status: 'Success', dryRun: false, position: String(EVENTS) });
    expect(result.changes).toEqual(preview.changes);
    expect(await storedRows(live.db)).toEqual({
      totals: patched(before.totals, 'rebuild_test_totals', 'stream', preview.changes),
      log: patched(before.log, 'rebuild_test_log', 'event_id', preview.changes),
    });
    expect(await readSnapshot(live.db)).toMatchObject({ version: 2, position: String(EVENTS) });
    const again = await replayProjection(events, readFile, version(2), TOTALS_NAME, {
      dryRun: true,
      from: from('1001'),
    });
    expect(again.changes).toEqual([]);
  });

  test('given a date after every event, when replayed as a dry run, then nothing is touched and nothing listed', async () => {
    const result = await replayProjection(events, readFile, version(2), TOTALS_NAME, {
      dryRun: true,
      from: { recordedAt: '2999-01-01T00:00:00.000Z' },
    });

    expect(result).toMatchObject({ status: 'Success', changes: [] });
    expect(result.fromPosition).toBeUndefined();
  });
});
