import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { Kysely } from 'kysely';
import { openSqliteEventStore, type SqliteEventStore } from '@ledger/event-store';
import { openSqliteReadStore } from '@ledger/read-store';
import { loadCheckpoint } from '../runner/checkpoint-repository.js';
import type { RunnerTables } from '../runner/checkpoint-table.js';
import { rebuildProjections } from './rebuild-projections.js';
import type { RebuildProgress } from './rebuild-result.js';
import { shadowCheckpoint, shadowFileOf } from './shadow-store.js';
import { appendTestEvents } from './testing/rebuild-test-events.js';
import { projections, TOTALS_NAME } from './testing/rebuild-test-projections.js';
import { type SnapshotTables, storedRows } from './testing/read-model-snapshot.js';

// The rebuild runs from the build: a child process cannot load TypeScript on Node 20.
const CHILD = fileURLToPath(
  new URL('../../../../dist/libs/projections/src/rebuild/testing/rebuild-child.js', import.meta.url),
);
const EVENTS = 40_000;
const KILL_JITTER_MS = 100;
const CHILD_TIMEOUT_MS = 90_000;

/** Runs the child until its progress passes `fraction` of the log, SIGKILLs it (a few ms later, mid-batch). */
function rebuildInChildUntil(files: readonly string[], fraction: number): Promise<NodeJS.Signals | null> {
  const child = spawn(process.execPath, [CHILD, ...files]);
  let pending = '';
  let stderr = '';
  let killing = false;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const { progress } = JSON.parse(line) as { progress?: RebuildProgress };
      if (killing || progress === undefined || progress.done < progress.total * fraction) continue;
      killing = true;
      setTimeout(() => child.kill('SIGKILL'), Math.random() * KILL_JITTER_MS);
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (killing) resolve(signal);
      else
        reject(new Error(`the child ended (${signal ?? `code ${code}`}) before it was killed:\n${stderr}`));
    });
  });
}

async function tablesOf(file: string) {
  const store = openSqliteReadStore<SnapshotTables>({ file });
  try {
    return {
      rows: await storedRows(store.db),
      checkpoint: await loadCheckpoint(store.db as unknown as Kysely<RunnerTables>, TOTALS_NAME),
    };
  } finally {
    await store.close();
  }
}

describe('rebuild killed half way', () => {
  let dir: string;
  let events: SqliteEventStore;

  beforeAll(async () => {
    if (!existsSync(CHILD)) throw new Error(`${CHILD} is missing: run \`npm run build\` first`);
    dir = await mkdtemp(join(tmpdir(), 'ledger-rebuild-crash-'));
    events = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    await appendTestEvents(events, EVENTS);
  }, 60_000);
  afterAll(async () => {
    await events.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given a rebuild SIGKILLed past half way, when rebuilt again, then the second run continues from the build’s checkpoint and ends equal to an uninterrupted rebuild', async () => {
    const [readFile, cleanFile] = [join(dir, 'read.sqlite'), join(dir, 'clean.sqlite')];
    const killedBy = await rebuildInChildUntil([join(dir, 'events.sqlite'), readFile], 0.5);
    const atKill = await shadowCheckpoint(shadowFileOf(readFile, TOTALS_NAME), TOTALS_NAME);
    const progress: RebuildProgress[] = [];

    const [resumed] = await rebuildProjections(events, readFile, projections, [TOTALS_NAME], {
      onProgress: (report) => progress.push(report),
    });

    expect(killedBy).toBe('SIGKILL');
    const builtAtKill = Number(atKill?.position);
    expect(builtAtKill).toBeGreaterThanOrEqual(EVENTS / 2 - 1000);
    expect(builtAtKill).toBeLessThan(EVENTS);
    expect(progress[0]).toMatchObject({ phase: 'building', resumedFrom: builtAtKill, done: builtAtKill });
    expect(resumed).toMatchObject({
      status: 'Success',
      events: EVENTS - builtAtKill,
      position: String(EVENTS),
    });
    const [clean] = await rebuildProjections(events, cleanFile, projections, [TOTALS_NAME]);
    expect(clean).toMatchObject({ status: 'Success', events: EVENTS });
    const [afterResume, uninterrupted] = [await tablesOf(readFile), await tablesOf(cleanFile)];
    expect(afterResume.rows).toEqual(uninterrupted.rows);
    expect(afterResume.checkpoint).toEqual(uninterrupted.checkpoint);
    expect(afterResume.rows.log).toHaveLength(EVENTS * 0.9);
    console.log(
      `rebuild of ${EVENTS} events SIGKILLed with its build at ${builtAtKill}; the next run read ${resumed?.events} events in ${resumed?.ms} ms; an uninterrupted one ${clean?.events} in ${clean?.ms} ms`,
    );
  }, 120_000);
});
