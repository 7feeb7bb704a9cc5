import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { EventStore, NewEvent, StreamWrite } from '@ledger/event-store';
import {
  appendInOrder,
  compiledTestingFile,
  type CrashScenario,
  describeCrashRun,
  readCheckpoints,
  readRows,
  requireBuild,
  runCrashScenario,
} from './testing/crash-harness.js';
import { amountRecorded, noteAdded } from './testing/test-events.js';
import { projections, TEST_TABLES } from './testing/test-projections.js';

const EVENTS = 50_000;
const STREAMS = 40;
const EVENTS_PER_APPEND = 2000;

/** EVENTS events over STREAMS streams, a tenth of them of a type the amount sum ignores. */
function seed(store: EventStore): Promise<number> {
  const appends = Array.from({ length: EVENTS / EVENTS_PER_APPEND }, (_, a): StreamWrite[] => {
    const first = a * EVENTS_PER_APPEND;
    return Array.from({ length: STREAMS }, (_, s) => ({
      stream: `crash-${s}`,
      expectedRevision: 'any',
      events: Array.from({ length: EVENTS_PER_APPEND / STREAMS }, (_, k): NewEvent => {
        const n = first + s * (EVENTS_PER_APPEND / STREAMS) + k;
        return n % 10 === 9 ? noteAdded(`note ${n}`) : amountRecorded(n % 97);
      }),
    }));
  });
  return appendInOrder(store, appends);
}

const scenario: CrashScenario = {
  projectionsModule: compiledTestingFile('test-projections.js'),
  projections,
  seed,
  tables: TEST_TABLES,
  killAt: [15_000, 32_000],
};

describe('projection runner killed while projecting', () => {
  let dir: string;

  beforeAll(async () => {
    requireBuild(scenario);
    dir = await mkdtemp(join(tmpdir(), 'ledger-runner-crash-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('given a projector SIGKILLed twice mid-log and restarted until caught up, when compared with a build from scratch, then every table is equal: no event applied twice or skipped', async () => {
    const run = await runCrashScenario(scenario, dir);

    console.log(describeCrashRun(run, projections.length));
    expect(run.events).toBe(EVENTS);
    for (const at of run.positionsAtKill) expect(Math.max(...at)).toBeLessThan(EVENTS);
    const crashed = readCheckpoints(run.crashedFile);
    expect(crashed).toEqual(readCheckpoints(run.freshFile));
    expect(crashed.map((c) => c.position)).toEqual(crashed.map(() => run.head));
    for (const [table, key] of scenario.tables) {
      expect({ table, rows: readRows(run.crashedFile, table, key) }).toEqual({
        table,
        rows: readRows(run.freshFile, table, key),
      });
    }
    expect(readRows(run.crashedFile, 'test_event_log', 'event_id')).toHaveLength(EVENTS);
  }, 600_000);
});
