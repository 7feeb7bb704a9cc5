import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { type EventStore, openSqliteEventStore } from '@ledger/event-store';
import { ALL_PROJECTIONS, type AuditTrailTables, readModelsAt } from '@ledger/projections';
import { appendLedger, type LedgerFile, newLedgerFile } from '../testing/sealed-ledger.fixtures.spec.js';
import { SEAL_STREAM } from './ledger-sealed.js';

/** Seal events are in the log every projection reads: none of them may stop at one, or show it. */
describe('seal events and the projections', () => {
  let ledger: LedgerFile;
  let store: EventStore;

  beforeAll(async () => {
    ledger = newLedgerFile();
    store = openSqliteEventStore({ file: ledger.file });
    await appendLedger(store, { events: 600, sealEvery: 200 });
  });
  afterAll(async () => {
    await store.close();
    rmSync(ledger.dir, { recursive: true, force: true });
  });

  test('given a log with seals, when every projection builds its read model from it, then none fails and no read model holds a seal', async () => {
    const head = await store.headPosition();
    const { readStore, position } = await readModelsAt<AuditTrailTables>(store, ALL_PROJECTIONS, head);
    try {
      const sealRows = await readStore.db
        .selectFrom('audit_events')
        .select('event_id')
        .where('type', '=', 'LedgerSealed')
        .execute();

      expect(position).toBe(head);
      expect((await store.readStream(SEAL_STREAM)).events.length).toBeGreaterThanOrEqual(3);
      expect(sealRows).toEqual([]);
    } finally {
      await readStore.close();
    }
  });
});
