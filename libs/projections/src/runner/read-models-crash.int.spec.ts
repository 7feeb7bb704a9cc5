import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import {
  appendInOrder,
  bookkeepingTables,
  compareTable,
  compiledTestingFile,
  type CrashScenario,
  describeCrashRun,
  readCheckpoints,
  readTableNames,
  requireBuild,
  runCrashScenario,
} from './testing/crash-harness.js';
import { ledgerEvents } from '@ledger/testing';
import { LEDGER_TABLES, projections } from './testing/ledger-projections.js';

// SPEC acceptance: "the process is killed (SIGKILL) while projecting 50,000 events; after restart
// every read model equals a model built from scratch from the same events".
const EVENTS = 50_000;

const scenario: CrashScenario = {
  projectionsModule: compiledTestingFile('ledger-projections.js'),
  projections,
  seed: (store) => appendInOrder(store, ledgerEvents({ events: EVENTS })),
  tables: LEDGER_TABLES,
  killAt: [12_000, 30_000],
};

describe('the read models, their projector killed while projecting', () => {
  let dir: string;

  beforeAll(async () => {
    requireBuild(scenario);
    dir = await mkdtemp(join(tmpdir(), 'ledger-read-models-crash-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('given 50,000 ledger events and a projector SIGKILLed twice mid-log then restarted until caught up, when compared with a build from scratch, then every read model and checkpoint is equal and none failed', async () => {
    const run = await runCrashScenario(scenario, dir);
    const { crashedFile, freshFile } = run;

    console.log(describeCrashRun(run, projections.length));
    expect(run.events).toBe(EVENTS);
    for (const at of run.positionsAtKill) expect(Math.max(...at)).toBeLessThan(EVENTS);
    const crashed = readCheckpoints(crashedFile);
    expect(crashed.filter((c) => c.status === 'failed' || c.error_message !== null)).toEqual([]);
    expect(crashed.map((c) => c.name).sort()).toEqual(projections.map((p) => p.name).sort());
    expect(crashed).toEqual(readCheckpoints(freshFile));
    expect(crashed.map((c) => c.position)).toEqual(crashed.map(() => run.head));
    // Every table the read models wrote is compared: a new one left off the list fails here.
    const bookkeeping = await bookkeepingTables(join(dir, 'bookkeeping.sqlite'));
    expect(readTableNames(crashedFile)).toEqual(
      [...scenario.tables.map(([table]) => table), ...bookkeeping].sort(),
    );
    const comparisons = scenario.tables.map((table) => compareTable(crashedFile, freshFile, table));
    for (const { table, rows, differences } of comparisons) {
      expect({ table, rows: rows[0], differences }).toEqual({ table, rows: rows[1], differences: [] });
    }
    // No table is equal merely by being empty: the generated ledger gives every one of them rows.
    expect(comparisons.filter(({ rows }) => rows[0] === 0).map(({ table }) => table)).toEqual([]);
    expect(comparisons.find(({ table }) => table === 'audit_events')?.rows).toEqual([EVENTS, EVENTS]);
  }, 600_000);
});
