// The point of this file: one suite that every EventStore adapter (SQLite, EventStoreDB) must pass.
import { afterEach, beforeEach, describe } from '@jest/globals';
import { appendContract } from './append.contract.js';
import type { EventStoreFactory, EventStoreFixture } from './contract-helpers.js';
import { hashChainContract } from './hash-chain.contract.js';
import { idempotencyContract } from './idempotency.contract.js';
import { readContract } from './read.contract.js';
import { subscriptionContract } from './subscription.contract.js';

export type { EventStoreFactory, EventStoreFixture } from './contract-helpers.js';

/**
 * Defines the event store contract for one adapter. The factory runs before every test; tests
 * isolate themselves with unique stream names, so a factory may hand out a shared log (a server).
 *
 * @example
 * eventStoreContract('sqlite', async () => {
 *   const store = openSqliteEventStore({ file });
 *   return { store, reopen: async () => openSqliteEventStore({ file }), cleanup: () => store.close() };
 * });
 */
export function eventStoreContract(name: string, factory: EventStoreFactory): void {
  describe(`event store contract: ${name}`, () => {
    let current: EventStoreFixture | undefined;
    const fixture = (): EventStoreFixture => {
      if (current === undefined) throw new Error('The event store fixture is only there inside a test');
      return current;
    };
    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      await current?.cleanup();
      current = undefined;
    });

    appendContract(fixture);
    idempotencyContract(fixture);
    readContract(fixture);
    subscriptionContract(fixture);
    hashChainContract(fixture);
  });
}
