// The point of this file: the EventStoreDB adapter passes the same contract as the embedded store, on a real server.
import { afterAll, beforeAll, describe } from '@jest/globals';
import type { StartedTestContainer } from 'testcontainers';
import { EVENTSTORE_STARTUP_MS, findEventStoreDbServer, startEventStoreDbContainer } from '@ledger/testing';
import { eventStoreContract } from '../contract/event-store.contract.js';
import type { EventStore } from '../port.js';
import { openEventStoreDbEventStore } from './esdb-event-store.js';

// The contract writes streams of these categories (contract-helpers' newStream).
const CATEGORIES = ['test', 'grant', 'large'];

const server = await findEventStoreDbServer();
let connectionString = server.kind === 'url' ? server.url : '';
let container: StartedTestContainer | undefined;

const contract = (): void =>
  eventStoreContract('eventstoredb', () => {
    const opened: EventStore[] = [];
    const open = (): Promise<EventStore> => {
      const store = openEventStoreDbEventStore({ connectionString, categories: CATEGORIES });
      opened.push(store);
      return Promise.resolve(store);
    };
    const store = openEventStoreDbEventStore({ connectionString, categories: CATEGORIES });
    opened.push(store);
    return Promise.resolve({
      store,
      reopen: open,
      cleanup: async () => {
        await Promise.all(opened.map((each) => each.close()));
      },
    });
  });

if (server.kind === 'none') {
  process.stdout.write(`EventStoreDB contract skipped: ${server.reason}\n`);
  describe.skip(`EventStoreDB contract (skipped: ${server.reason})`, contract);
} else {
  beforeAll(async () => {
    if (server.kind !== 'docker') return;
    ({ container, connectionString } = await startEventStoreDbContainer());
  }, EVENTSTORE_STARTUP_MS);
  afterAll(async () => {
    await container?.stop();
  });
  contract();
}
