import { rmSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import {
  type EventStore,
  openSqliteEventStore,
  type Position,
  type RecordedEvent,
} from '@ledger/event-store';
import { ledgerEvents } from '@ledger/testing';
import { nextLogDigest } from '../chain/log-digest.js';
import { streamsRoot } from '../chain/merkle.js';
import { appendLedger, type LedgerFile, newLedgerFile } from '../testing/sealed-ledger.fixtures.spec.js';
import { SEAL_STREAM } from './ledger-sealed.js';
import { LedgerSeals } from './ledger-seals.js';
import { Sealer } from './sealer.js';

async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const after = events.at(-1)?.globalPosition;
    const page = await store.readAll({ ...(after ? { after } : {}), maxCount: 1000 });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

/** What seal figures must be, computed from scratch from the ledger events up to `position`. */
function expectedFigures(events: readonly RecordedEvent[]) {
  const heads = new Map<string, { stream: string; revision: number; hash: string }>();
  let digest: string | null = null;
  for (const e of events) {
    heads.set(e.stream, { stream: e.stream, revision: e.streamRevision, hash: e.hash });
    digest = nextLogDigest(digest, e);
  }
  return {
    position: events.at(-1)?.globalPosition,
    eventCount: events.length,
    streamCount: heads.size,
    streamsRoot: streamsRoot([...heads.values()]),
    logDigest: digest,
  };
}

describe('Sealer', () => {
  let ledger: LedgerFile;
  let store: EventStore;

  beforeEach(() => {
    ledger = newLedgerFile();
    store = openSqliteEventStore({ file: ledger.file });
  });
  afterEach(async () => {
    await store.close();
    rmSync(ledger.dir, { recursive: true, force: true });
  });

  test('given a ledger, when sealed, then seal 1 covers its head with the counts, root and digest of every event, listing every head', async () => {
    await appendLedger(store, { events: 400, sealAtEnd: false });
    const events = await readEverything(store);

    const outcome = await new Sealer(store).seal();

    expect(outcome?.created).toBe(true);
    expect(outcome?.seal).toMatchObject({ sealNumber: 1, algorithm: 'sha256', ...expectedFigures(events) });
    const { events: seals } = await store.readStream(SEAL_STREAM);
    expect(seals).toHaveLength(1);
    expect(seals[0]).toMatchObject({ type: 'LedgerSealed', schemaVersion: 1, hash: outcome?.seal.sealHash });
    const data = seals[0]?.data as { heads: unknown[]; streamCount: number };
    expect(data.heads).toHaveLength(data.streamCount);
  });

  test('given a sealed ledger and more events, when sealed again, then seal 2 covers them and lists only the heads that moved; with nothing new, the last seal comes back', async () => {
    const sealer = await appendLedger(store, { events: 300 });
    const [, moved] = ledgerEvents({ events: 20, seed: 9 }).map((writes) => writes);
    const extra = [
      { stream: 'grant-extra-1', expectedRevision: 'any' as const, events: moved?.[0]?.events ?? [] },
    ];
    await store.appendMultiple(extra);

    const second = await sealer.seal();
    const again = await sealer.seal();

    const events = (await readEverything(store)).filter((e) => e.stream !== SEAL_STREAM);
    expect(second).toMatchObject({ created: true, seal: { sealNumber: 2, ...expectedFigures(events) } });
    const { events: seals } = await store.readStream(SEAL_STREAM);
    expect((seals[1]?.data as { heads: { stream: string }[] }).heads.map((h) => h.stream)).toEqual([
      'grant-extra-1',
    ]);
    expect(again).toEqual({ created: false, seal: second?.seal });
    expect(seals).toHaveLength(2);
  });

  test('given two sealers racing for the next seal, when both seal, then one seal is written and the loser uses it', async () => {
    await appendLedger(store, { events: 200, sealAtEnd: false });
    const [first, second] = [new Sealer(store), new Sealer(store)];

    const outcomes = await Promise.all([first.seal(), second.seal()]);

    expect(outcomes.map((o) => o?.created).sort()).toEqual([false, true]);
    expect(outcomes[0]?.seal).toEqual(outcomes[1]?.seal);
    expect((await store.readStream(SEAL_STREAM)).events).toHaveLength(1);
  });

  test('given an empty ledger, when sealed, then there is nothing to seal and nothing is written', async () => {
    expect(await new Sealer(store).seal()).toBeUndefined();
    expect(await store.headPosition()).toBeUndefined();
  });
});

describe('LedgerSeals.forReport', () => {
  let ledger: LedgerFile;
  let store: EventStore;

  beforeEach(() => {
    ledger = newLedgerFile();
    store = openSqliteEventStore({ file: ledger.file });
  });
  afterEach(async () => {
    await store.close();
    rmSync(ledger.dir, { recursive: true, force: true });
  });

  test('given a checkpoint on a seal event, then the report stands at the ledger event before it, covered by that seal', async () => {
    await appendLedger(store, { events: 100 });
    const seals = new LedgerSeals(store);
    const [seal] = await seals.list();

    const sealed = await seals.forReport(seal?.sealPosition ?? ('0' as Position));

    expect(sealed.position).toBe(seal?.position);
    expect(sealed.seal).toEqual({
      sealNumber: 1,
      position: seal?.position,
      streamsRoot: seal?.streamsRoot,
      logDigest: seal?.logDigest,
      sealEventId: seal?.sealEventId,
      sealHash: seal?.sealHash,
    });
  });

  test('given positions before and after the first seal, then each gets the earliest seal at or after it; past the last, the log is sealed now', async () => {
    const sealer = await appendLedger(store, { events: 600, sealEvery: 200 });
    const seals = new LedgerSeals(store);
    const all = await seals.list();
    const [template] = await store.readAll({ maxCount: 1 });
    if (template === undefined) throw new Error('The ledger is empty');
    await store.appendToStream('grant-late-1', 'no-stream', [{ ...template, eventId: undefined }]);
    const head = (await store.headPosition()) ?? ('0' as Position);

    expect((await seals.forReport('1' as Position)).seal?.sealNumber).toBe(1);
    expect((await seals.forReport(all[1]?.position ?? ('0' as Position))).seal?.sealNumber).toBe(2);
    const now = await seals.forReport(head);
    expect(now).toMatchObject({ position: head, seal: { sealNumber: all.length + 1, position: head } });
    expect(await sealer.unsealedEvents()).toBe(0);
  });
});
