/**
 * The crash harness: seeds an event store, runs the compiled projector (project-child.js) over it in
 * a child process, SIGKILLs it mid-log once per kill threshold and lets a last one catch up, while it
 * builds the same projections from scratch in this process, so a spec can compare the two read stores.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type EventStore, openSqliteEventStore, type Position, type StreamWrite } from '@ledger/event-store';
import { openSqliteReadStore } from '@ledger/read-store';
import type { AnyProjection } from '../../registry.js';
import { ProjectionRunner } from '../projection-runner.js';
import { CHILD, runChild } from './crash-child.js';
import { type ComparedTable, readCheckpoints } from './crash-readers.js';

export { compiledTestingFile } from './crash-child.js';
export * from './crash-readers.js';

export interface CrashScenario {
  /** Absolute path of the compiled module whose `projections` export the child runs (see `compiledTestingFile`). */
  readonly projectionsModule: string;
  /** The same projections, for the build from scratch in this process. */
  readonly projections: readonly AnyProjection[];
  /** Fills the empty event store; resolves to how many events it appended. */
  readonly seed: (store: EventStore) => Promise<number>;
  /** Every table the projections write, to compare. */
  readonly tables: readonly ComparedTable[];
  /** The child is SIGKILLed once some checkpoint passes each of these positions, in turn. */
  readonly killAt: readonly number[];
}

export interface CrashRun {
  readonly events: number;
  readonly head: Position;
  /** The read store the killed and restarted child built. */
  readonly crashedFile: string;
  /** The read store built from scratch in this process. */
  readonly freshFile: string;
  /** Each projection's checkpoint position (by name) after each kill. */
  readonly positionsAtKill: readonly (readonly number[])[];
  readonly milliseconds: { readonly seed: number; readonly child: number; readonly inProcess: number };
}

// Generous: a loaded CI machine (2 cores shared with the child) has been seen at 400 events/s in process.
const CATCH_UP_TIMEOUT_MS = 300_000;
/** Appends queued at once: the embedded store's group commit flushes them in one transaction. */
const APPENDS_IN_FLIGHT = 1000;

/** Fails with what to do when the build the child runs from is missing. */
export function requireBuild(scenario: CrashScenario): void {
  for (const file of [CHILD, scenario.projectionsModule]) {
    if (!existsSync(file)) {
      throw new Error(
        `The crash test runs the compiled runner in a child process and ${file} is missing: run \`npm run build\` first.`,
      );
    }
  }
}

/**
 * Appends each command's writes atomically, in order (the embedded store queues appends first come,
 * first served), many at a time; resolves to the number of events appended.
 */
export async function appendInOrder(
  store: EventStore,
  appends: readonly (readonly StreamWrite[])[],
): Promise<number> {
  for (let first = 0; first < appends.length; first += APPENDS_IN_FLIGHT) {
    const slice = appends.slice(first, first + APPENDS_IN_FLIGHT);
    await Promise.all(slice.map((writes) => store.appendMultiple(writes)));
  }
  return appends.flat().reduce((sum, write) => sum + write.events.length, 0);
}

/** Seeds `dir`/events.sqlite, then kills and restarts the child over it while building from scratch here. */
export async function runCrashScenario(scenario: CrashScenario, dir: string): Promise<CrashRun> {
  const [eventsFile, crashedFile, freshFile] = ['events', 'read', 'fresh'].map((name) =>
    join(dir, `${name}.sqlite`),
  ) as [string, string, string];
  const started = performance.now();
  const { events, head } = await seed(eventsFile, scenario.seed);
  const seeded = performance.now();
  // Side by side, a core each: the two builds share only the event store, which nobody writes now.
  const [crashed, fresh] = await Promise.allSettled([
    killThenFinish(scenario, eventsFile, crashedFile),
    projectInProcess(scenario.projections, eventsFile, freshFile, head),
  ]);
  // Both settle before either failure is thrown, so no child is left running behind the test.
  if (crashed.status === 'rejected') throw crashed.reason;
  if (fresh.status === 'rejected') throw fresh.reason;
  const { positionsAtKill, child } = crashed.value;
  const milliseconds = { seed: seeded - started, child, inProcess: fresh.value };
  return { events, head, crashedFile, freshFile, positionsAtKill, milliseconds };
}

/** The figures of a run, for the test's output. */
export function describeCrashRun(run: CrashRun, projections: number): string {
  const { events, positionsAtKill, milliseconds: ms } = run;
  const perSecond = (millis: number) => Math.round(events / (millis / 1000));
  return [
    `events: ${events} (seeded in ${Math.round(ms.seed)} ms)`,
    `kills: ${positionsAtKill.length} (SIGKILL), checkpoints at kill: ${positionsAtKill.map((at) => at.join('/')).join(', ')}`,
    `side by side, through ${projections} projections each:`,
    `  child (from the build) until caught up: ${Math.round(ms.child)} ms, ${perSecond(ms.child)} events/s with its restarts`,
    `  from scratch in process (under jest): ${Math.round(ms.inProcess)} ms, ${perSecond(ms.inProcess)} events/s`,
  ].join('\n');
}

async function seed(file: string, fill: CrashScenario['seed']): Promise<{ events: number; head: Position }> {
  const store = openSqliteEventStore({ file });
  try {
    const events = await fill(store);
    const head = await store.headPosition();
    if (head === undefined) throw new Error('seeding wrote nothing');
    return { events, head };
  } finally {
    await store.close();
  }
}

/** SIGKILLs the child once past each threshold, then lets a last one catch up; returns the checkpoints at each kill. */
async function killThenFinish(
  scenario: CrashScenario,
  eventsFile: string,
  readFile: string,
): Promise<{ positionsAtKill: number[][]; child: number }> {
  const files = [eventsFile, readFile, scenario.projectionsModule] as const;
  const started = performance.now();
  const positionsAtKill: number[][] = [];
  for (const threshold of scenario.killAt) {
    await runChild(files, (p) => Math.max(...p.positions) >= threshold, 'SIGKILL');
    positionsAtKill.push(readCheckpoints(readFile).map((c) => Number(c.position)));
  }
  await runChild(files, (p) => p.upToDate, 'SIGTERM');
  return { positionsAtKill, child: performance.now() - started };
}

/** Builds the projections from scratch in this process; resolves to the milliseconds until caught up. */
async function projectInProcess(
  projections: readonly AnyProjection[],
  eventsFile: string,
  readFile: string,
  head: Position,
): Promise<number> {
  const eventStore = openSqliteEventStore({ file: eventsFile });
  const readStore = openSqliteReadStore({ file: readFile });
  const runner = new ProjectionRunner(eventStore, readStore, projections, {
    logger: { log: () => {}, error: () => {} },
  });
  const started = performance.now();
  try {
    await runner.start();
    if (!(await runner.waitFor(head, undefined, CATCH_UP_TIMEOUT_MS))) {
      const stuck = (await runner.status()).filter((status) => !status.upToDate);
      throw new Error(`the in-process build did not catch up: ${JSON.stringify(stuck)}`);
    }
    return performance.now() - started;
  } finally {
    await runner.stop();
    await readStore.close();
    await eventStore.close();
  }
}
