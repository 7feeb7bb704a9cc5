/**
 * The projector of the crash test, run as a child process from the build:
 * `node dist/libs/projections/src/runner/testing/project-child.js <events.sqlite> <read.sqlite> <projections-module.js>`.
 * It loads the module's `projections` export, runs a ProjectionRunner until killed, and prints
 * "progress <name>=<position> ... upToDate=<bool>" lines so the test knows where to kill it.
 */
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openSqliteEventStore } from '@ledger/event-store';
import { openSqliteReadStore } from '@ledger/read-store';
import type { AnyProjection } from '../../registry.js';
import { ProjectionRunner } from '../projection-runner.js';

const PROGRESS_INTERVAL_MS = 25;

const [eventsFile, readFile, moduleFile] = process.argv.slice(2);
if (
  eventsFile === undefined ||
  readFile === undefined ||
  moduleFile === undefined ||
  !isAbsolute(moduleFile)
) {
  throw new Error(
    'usage: node project-child.js <events.sqlite> <read.sqlite> <absolute path of projections-module.js>',
  );
}

const projections = await loadProjections(moduleFile);
const eventStore = openSqliteEventStore({ file: eventsFile });
const readStore = openSqliteReadStore({ file: readFile });
const logger = {
  log: (message: string) => console.error(message),
  error: (message: string) => console.error(message),
};
const runner = new ProjectionRunner(eventStore, readStore, projections, { logger });
await runner.start();
const timer = setInterval(() => {
  printProgress().catch((error: unknown) => console.error(error));
}, PROGRESS_INTERVAL_MS);
process.once('SIGTERM', () => void shutDown());

async function loadProjections(file: string): Promise<AnyProjection[]> {
  const loaded: unknown = await import(pathToFileURL(file).href);
  const exported =
    typeof loaded === 'object' && loaded !== null && 'projections' in loaded ? loaded.projections : undefined;
  if (!Array.isArray(exported)) throw new Error(`${file} exports no \`projections\` array`);
  // A module built for this harness: its entries are projections made with anyProjection().
  return exported as AnyProjection[];
}

async function printProgress(): Promise<void> {
  const statuses = await runner.status();
  const positions = statuses.map(({ name, position }) => `${name}=${position ?? 0}`);
  const failed = statuses.filter((status) => status.status === 'failed').map((status) => status.name);
  const upToDate = statuses.every((status) => status.upToDate);
  process.stdout.write(`progress ${positions.join(' ')} upToDate=${upToDate} failed=${failed.join(',')}\n`);
}

async function shutDown(): Promise<void> {
  clearInterval(timer);
  await runner.stop();
  await readStore.close();
  await eventStore.close();
}
