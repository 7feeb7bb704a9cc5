/**
 * The rebuild of the crash test, run as a child process from the build:
 * `node dist/libs/projections/src/rebuild/testing/rebuild-child.js <events.sqlite> <read.sqlite>`.
 * It rebuilds the test totals projection (version 2) and prints every progress report as a JSON
 * line, so the test knows when to kill it, then the results.
 */
import { openSqliteEventStore } from '@ledger/event-store';
import { rebuildProjections } from '../rebuild-projections.js';
import { projections, TOTALS_NAME } from './rebuild-test-projections.js';

const [eventsFile, readFile] = process.argv.slice(2);
if (eventsFile === undefined || readFile === undefined) {
  throw new Error('usage: node rebuild-child.js <events.sqlite> <read.sqlite>');
}

const eventStore = openSqliteEventStore({ file: eventsFile });
const results = await rebuildProjections(eventStore, readFile, projections, [TOTALS_NAME], {
  onProgress: (progress) => process.stdout.write(`${JSON.stringify({ progress })}\n`),
});
process.stdout.write(`${JSON.stringify({ results })}\n`);
await eventStore.close();
