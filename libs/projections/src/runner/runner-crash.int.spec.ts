import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { type NewEvent, openSqliteEventStore, type Position, type StreamWrite } from '@ledger/event-store';
import { openSqliteReadStore } from '@ledger/read-store';
import { ProjectionRunner } from './projection-runner.js';
import { amountRecorded, noteAdded } from './testing/test-events.js';
import { projections, TEST_TABLES } from './testing/test-projections.js';

// The projector runs from the build: a child process cannot load TypeScript on Node 20.
const DIST = '../../../../dist/libs/projections/src/runner/testing/';
const CHILD = fileURLToPath(new URL(`${DIST}project-child.js`, import.meta.url));
const MODULE = fileURLToPath(new URL(`${DIST}test-projections.js`, import.meta.url));
const EVENTS = 50_000;
const KILL_AT = [15_000, 32_000];
const STREAMS = 40;
const EVENTS_PER_APPEND = 2000;
const KILL_JITTER_MS = 200;
const CHILD_TIMEOUT_MS = 120_000;

interface Progress {
  readonly positions: readonly number[];
  readonly upToDate: boolean;
  readonly failed: string;
}

/** "progress a=1 b=2 upToDate=false failed=" as printed by project-child. */
function parseProgress(line: string): Progress {
  const fields = line.split(' ').slice(1);
  const value = (key: string): string =>
    fields.find((f) => f.startsWith(`${key}=`))?.slice(key.length + 1) ?? '';
  const positions = fields
    .filter((f) => !f.startsWith('upToDate=') && !f.startsWith('failed='))
    .map((f) => Number(f.split('=')[1]));
  return { positions, upToDate: value('upToDate') === 'true', failed: value('failed') };
}

/** Appends EVENTS events, a tenth of them of a type the amount sum ignores, in a few large appends. */
async function seed(file: string): Promise<Position> {
  const store = openSqliteEventStore({ file });
  for (let first = 0; first < EVENTS; first += EVENTS_PER_APPEND) {
    const writes: StreamWrite[] = Array.from({ length: STREAMS }, (_, s) => ({
      stream: `crash-${s}`,
      expectedRevision: 'any',
      events: Array.from({ length: EVENTS_PER_APPEND / STREAMS }, (_, k): NewEvent => {
        const n = first + s * (EVENTS_PER_APPEND / STREAMS) + k;
        return n % 10 === 9 ? noteAdded(`note ${n}`) : amountRecorded(n % 97);
      }),
    }));
    await store.appendMultiple(writes);
  }
  const head = await store.headPosition();
  await store.close();
  if (head === undefined) throw new Error('seeding wrote nothing');
  return head;
}

/** Calls `onProgress` with the last complete progress line of each chunk the child prints. */
function onProgress(child: ChildProcessWithoutNullStreams, listener: (progress: Progress) => void): void {
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    // The last piece is an unfinished line (or empty): kept for the next chunk.
    pending = lines.pop() ?? '';
    const line = lines.filter((l) => l.startsWith('progress ')).at(-1);
    if (line !== undefined) listener(parseProgress(line));
  });
}

/**
 * Runs the child until `enough` holds for its progress, then sends `signal` (a SIGKILL after a
 * random few milliseconds, so it lands anywhere in a batch) and waits for the child's end.
 */
function runChild(
  files: readonly string[],
  enough: (progress: Progress) => boolean,
  signal: 'SIGKILL' | 'SIGTERM',
): Promise<void> {
  const child = spawn(process.execPath, [CHILD, ...files, MODULE]);
  let stderr = '';
  let failed = '';
  let signalled = false;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  onProgress(child, (progress) => {
    if (signalled || !(progress.failed !== '' || enough(progress))) return;
    signalled = true;
    failed = progress.failed;
    const delay = failed === '' && signal === 'SIGKILL' ? Math.random() * KILL_JITTER_MS : 0;
    setTimeout(() => child.kill(failed === '' ? signal : 'SIGKILL'), delay);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code, ended) => {
      clearTimeout(timer);
      // SIGTERM is handled by the child: a graceful stop ends with code 0 rather than the signal.
      const asAsked = signalled && (ended === signal || (signal === 'SIGTERM' && code === 0));
      if (failed !== '') reject(new Error(`projection ${failed} failed in the child:\n${stderr}`));
      else if (!asAsked)
        reject(new Error(`the child ended (${ended ?? `code ${code}`}) unasked:\n${stderr}`));
      else resolve();
    });
  });
}

/** The committed checkpoints of a read store, as the child left them. */
function checkpoints(file: string): { name: string; position: string | null; events_applied: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare('select name, position, events_applied from projection_checkpoints order by name')
      .all() as { name: string; position: string | null; events_applied: number }[];
  } finally {
    db.close();
  }
}

function rows(file: string, table: string, key: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(`select * from ${table} order by ${key}`).all();
  } finally {
    db.close();
  }
}

/** SIGKILLs the child once past each of KILL_AT, then lets a last one catch up; returns the checkpoints at each kill. */
async function killTwiceThenFinish(eventsFile: string, readFile: string): Promise<number[][]> {
  const positionsAtKill: number[][] = [];
  for (const threshold of KILL_AT) {
    await runChild([eventsFile, readFile], (p) => Math.max(...p.positions) >= threshold, 'SIGKILL');
    positionsAtKill.push(checkpoints(readFile).map((c) => Number(c.position)));
  }
  await runChild([eventsFile, readFile], (p) => p.upToDate, 'SIGTERM');
  return positionsAtKill;
}

/** Builds the same projections from scratch in this process; returns the events per second. */
async function projectInProcess(eventsFile: string, readFile: string, head: Position): Promise<number> {
  const eventStore = openSqliteEventStore({ file: eventsFile });
  const readStore = openSqliteReadStore({ file: readFile });
  const runner = new ProjectionRunner(eventStore, readStore, projections, {
    logger: { log: () => {}, error: () => {} },
  });
  const started = performance.now();
  await runner.start();
  const caughtUp = await runner.waitFor(head, undefined, 120_000);
  const seconds = (performance.now() - started) / 1000;
  await runner.stop();
  await readStore.close();
  await eventStore.close();
  if (!caughtUp) throw new Error('the in-process runner did not catch up within 120 s');
  return EVENTS / seconds;
}

describe('projection runner killed while projecting', () => {
  let dir: string;

  beforeAll(async () => {
    for (const file of [CHILD, MODULE]) {
      if (!existsSync(file)) {
        throw new Error(
          `The crash test runs the compiled runner in a child process and ${file} is missing: run \`npm run build\` first.`,
        );
      }
    }
    dir = await mkdtemp(join(tmpdir(), 'ledger-runner-crash-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  test('given a projector SIGKILLed twice mid-log and restarted until caught up, when compared with a build from scratch, then every table is equal: no event applied twice or skipped', async () => {
    const [eventsFile, readFile, freshFile] = [
      join(dir, 'events.sqlite'),
      join(dir, 'read.sqlite'),
      join(dir, 'fresh.sqlite'),
    ];
    const started = performance.now();
    const head = await seed(eventsFile);
    const seeded = performance.now();

    const positionsAtKill = await killTwiceThenFinish(eventsFile, readFile);
    const childDone = performance.now();
    const eventsPerSecond = await projectInProcess(eventsFile, freshFile, head);

    console.log(
      [
        `events: ${EVENTS} (seeded in ${Math.round(seeded - started)} ms)`,
        `kills: ${positionsAtKill.length} (SIGKILL), checkpoints at kill: ${positionsAtKill.map((at) => at.join('/')).join(', ')}`,
        `child (from the build) until caught up: ${Math.round(childDone - seeded)} ms, ${Math.round(EVENTS / ((childDone - seeded) / 1000))} events/s with its restarts`,
        `from scratch in process (under jest): ${Math.round(eventsPerSecond)} events/s through ${projections.length} projections`,
        `total: ${Math.round(performance.now() - started)} ms`,
      ].join('\n'),
    );
    for (const at of positionsAtKill) expect(Math.max(...at)).toBeLessThan(EVENTS);
    const crashed = checkpoints(readFile);
    expect(crashed).toEqual(checkpoints(freshFile));
    expect(crashed.map((c) => c.position)).toEqual(crashed.map(() => head));
    for (const [table, key] of TEST_TABLES) {
      expect({ table, rows: rows(readFile, table, key) }).toEqual({
        table,
        rows: rows(freshFile, table, key),
      });
    }
    expect(rows(readFile, 'test_event_log', 'event_id')).toHaveLength(EVENTS);
  }, 300_000);
});
