import { randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import Database from 'better-sqlite3';
import { newEvent, newEvents, newStream, readOwn } from '../contract/contract-helpers.js';
import { eventStoreContract } from '../contract/event-store.contract.js';
import { EventStoreUnavailableError } from '../errors.js';
import type { EventStore } from '../port.js';
import { openSqliteEventStore, type SqliteEventStore } from './sqlite-event-store.js';

async function tempFile(): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-sqlite-'));
  return { dir, file: join(dir, 'data', 'events.sqlite') };
}

eventStoreContract('sqlite', async () => {
  const { dir, file } = await tempFile();
  const opened: EventStore[] = [openSqliteEventStore({ file })];
  const reopen = (): Promise<EventStore> => {
    const store = openSqliteEventStore({ file });
    opened.push(store);
    return Promise.resolve(store);
  };
  const cleanup = async (): Promise<void> => {
    await Promise.all(opened.map((store) => store.close()));
    await rm(dir, { recursive: true, force: true });
  };
  // The first entry was pushed above; the array is never empty.
  return { store: opened[0] as EventStore, reopen, cleanup };
});

describe('sqlite event store', () => {
  let dir: string;
  let store: SqliteEventStore;

  beforeAll(async () => {
    const temp = await tempFile();
    dir = temp.dir;
    store = openSqliteEventStore({ file: temp.file });
  });
  afterAll(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('given concurrent appends with conflicts among them, when they complete, then positions are 1..n without holes', async () => {
    const streams = Array.from({ length: 30 }, () => newStream());
    await Promise.allSettled(
      Array.from({ length: 300 }, (_, n) =>
        store.appendToStream(streams[n % 30] ?? '', n < 30 ? 'no-stream' : n % 7, [newEvent()]),
      ),
    );
    const all = await readOwn(store, new Set(streams));
    expect(all.map((e) => Number(e.globalPosition))).toEqual(
      Array.from({ length: all.length }, (_, i) => i + 1),
    );
  });

  test('given one append naming a stream twice around another, when it commits, then the events keep the order given and each write chains on the one before', async () => {
    const [a, b] = [newStream(), newStream()];
    const result = await store.appendMultiple([
      { stream: a, expectedRevision: 'no-stream', events: [newEvent()] },
      { stream: b, expectedRevision: 'no-stream', events: [newEvent()] },
      { stream: a, expectedRevision: 0, events: [newEvent(), newEvent()] },
    ]);
    expect(result.streams).toEqual([
      { stream: a, revision: 0 },
      { stream: b, revision: 0 },
      { stream: a, revision: 2 },
    ]);
    const all = await readOwn(store, new Set([a, b]));
    expect(all.map((e) => [e.stream, e.streamRevision])).toEqual([
      [a, 0],
      [b, 0],
      [a, 1],
      [a, 2],
    ]);
    const [first, , second, third] = all;
    expect(second?.hash).not.toBe(first?.hash);
    expect(third?.hash).toBeDefined();
  });

  test('given one append whose second write to a stream expects the revision before its first write, when sent, then ConcurrencyError and nothing of it is written', async () => {
    const [a, b] = [newStream(), newStream()];
    await expect(
      store.appendMultiple([
        { stream: a, expectedRevision: 'no-stream', events: [newEvent()] },
        { stream: b, expectedRevision: 'no-stream', events: [newEvent()] },
        { stream: a, expectedRevision: 'no-stream', events: [newEvent()] },
      ]),
    ).rejects.toMatchObject({ name: 'ConcurrencyError' });
    expect(await readOwn(store, new Set([a, b]))).toEqual([]);
  });

  test('given 200 appends in flight at once, when they complete, then they shared far fewer transactions', async () => {
    const before = store.stats();
    await Promise.all(
      Array.from({ length: 200 }, () => store.appendToStream(newStream(), 'no-stream', [newEvent()])),
    );
    const after = store.stats();
    expect(after.appends - before.appends).toBe(200);
    expect(after.flushes - before.flushes).toBeLessThan(20);
  });

  test('given a refused append in the same flush as good ones, when the flush commits, then only the refused one is rolled back', async () => {
    const [taken, fresh] = [newStream(), newStream()];
    await store.appendToStream(taken, 'no-stream', [newEvent()]);
    const flushes = store.stats().flushes;
    const outcomes = await Promise.allSettled([
      store.appendToStream(fresh, 'no-stream', newEvents(2)),
      store.appendToStream(taken, 'no-stream', [newEvent()]),
      store.appendToStream(fresh, 1, [newEvent()]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(store.stats().flushes - flushes).toBe(1);
    expect((await store.readStream(fresh)).revision).toBe(2);
  });

  test('given one command sent twice in the same flush, when both complete, then it is written once and the second is replayed', async () => {
    const stream = newStream();
    const options = { commandId: randomUUID(), fingerprint: 'f-1' };
    const [first, second] = await Promise.all([
      store.appendToStream(stream, 'no-stream', [newEvent()], options),
      store.appendToStream(stream, 'no-stream', [newEvent()], options),
    ]);
    expect(second).toEqual({ ...first, replayed: true });
    expect((await store.readStream(stream)).events).toHaveLength(1);
  });

  test('given an event id already stored, when appending it again, then that append alone is refused', async () => {
    const eventId = randomUUID();
    await store.appendToStream(newStream(), 'no-stream', [newEvent({}, { eventId })]);
    const [duplicate, other] = await Promise.allSettled([
      store.appendToStream(newStream(), 'no-stream', [newEvent({}, { eventId })]),
      store.appendToStream(newStream(), 'no-stream', [newEvent()]),
    ]);
    expect(duplicate).toMatchObject({
      status: 'rejected',
      reason: { message: `Event id ${eventId} is already stored` },
    });
    expect(other.status).toBe('fulfilled');
  });

  test('given appends still queued, when the store is closed, then they commit before the file closes', async () => {
    const { dir: closeDir, file } = await tempFile();
    const closing = openSqliteEventStore({ file });
    const stream = newStream();
    const appends = Array.from({ length: 10 }, () => closing.appendToStream(stream, 'any', [newEvent()]));
    await closing.close();
    await Promise.all(appends);
    const reopened = openSqliteEventStore({ file });
    expect((await reopened.readStream(stream)).revision).toBe(9);
    await reopened.close();
    await rm(closeDir, { recursive: true, force: true });
  });

  test('given a second store on the same file, when it appends, then a subscription on the first sees it by polling', async () => {
    const other = openSqliteEventStore({ file: join(dir, 'data', 'events.sqlite') });
    const stream = newStream();
    const subscription = store.subscribe({ after: await store.headPosition() });
    const iterator = subscription[Symbol.asyncIterator]();
    const next = iterator.next();
    await other.appendToStream(stream, 'no-stream', [newEvent()]);
    const batch = await next;
    await subscription.close();
    await other.close();
    expect(batch.done ? 'ended' : batch.value.map((e) => e.stream)).toEqual([stream]);
  });

  test('given a new file, when opened, then it is in WAL mode with its migrations recorded', () => {
    const db = new Database(join(dir, 'data', 'events.sqlite'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([
      { version: 1, name: 'events-streams-commands' },
      { version: 2, name: 'event-hash-chain' },
    ]);
    db.close();
  });

  test('given a file written before hashes existed, when opened, then its events are chained as if appended now', async () => {
    const before = await tempFile();
    const after = await tempFile();
    // Fixed event ids, so both files hold the same content.
    const events = [...newEvents(3), newEvent()].map((event) => ({ ...event, eventId: randomUUID() }));
    const [first, second] = [
      openSqliteEventStore({ file: before.file }),
      openSqliteEventStore({ file: after.file }),
    ];
    for (const store of [first, second]) {
      await store.appendToStream('grant-a', 'no-stream', events.slice(0, 2));
      await store.appendToStream('grant-b', 'no-stream', events.slice(2, 3));
    }
    await first.close();
    // Back to the version-1 schema: no hash columns.
    const db = new Database(before.file);
    db.exec(`ALTER TABLE events DROP COLUMN hash; ALTER TABLE streams DROP COLUMN hash;
      DELETE FROM schema_migrations WHERE version = 2; PRAGMA user_version = 1;`);
    db.close();

    const upgraded = openSqliteEventStore({ file: before.file });
    const hashes = async (store: EventStore) =>
      (await readOwn(store, new Set(['grant-a', 'grant-b']))).map((e) => e.hash);
    const expected = await hashes(second);
    expect(await hashes(upgraded)).toEqual(expected);
    // The stream heads were chained too: the next append links to the same hash in both files.
    await upgraded.appendToStream('grant-a', 1, events.slice(3));
    await second.appendToStream('grant-a', 1, events.slice(3));
    expect((await upgraded.readStream('grant-a')).events.map((e) => e.hash)).toEqual(
      (await second.readStream('grant-a')).events.map((e) => e.hash),
    );
    await Promise.all([upgraded.close(), second.close()]);
    await Promise.all([rm(before.dir, { recursive: true }), rm(after.dir, { recursive: true })]);
  });

  test('given a row whose data was cut outside the ledger, when read, then the error names its position, stream and revision', async () => {
    const temp = await tempFile();
    const writer = openSqliteEventStore({ file: temp.file });
    await writer.appendToStream('grant-cut', 'no-stream', newEvents(2));
    await writer.close();
    const db = new Database(temp.file);
    db.prepare(`UPDATE events SET data = substr(data, 2) WHERE stream = 'grant-cut' AND revision = 1`).run();
    db.close();
    const reader = openSqliteEventStore({ file: temp.file });
    await expect(reader.readStream('grant-cut')).rejects.toThrow(
      'The event at position 2 (stream grant-cut, revision 1) has data that is not JSON',
    );
    await reader.close();
    await rm(temp.dir, { recursive: true, force: true });
  });

  test('given a closed store, when appending, then EventStoreUnavailableError', async () => {
    const temp = await tempFile();
    const closed = openSqliteEventStore({ file: temp.file });
    await closed.close();
    await expect(closed.appendToStream(newStream(), 'any', [newEvent()])).rejects.toBeInstanceOf(
      EventStoreUnavailableError,
    );
    await rm(temp.dir, { recursive: true, force: true });
  });
});

describe('sqlite event store files it cannot use', () => {
  const runsAsRoot = process.getuid?.() === 0;

  test('given a file that is not a database, when opening, then EventStoreUnavailableError naming the file', async () => {
    const { dir, file } = await tempFile();
    await mkdir(join(dir, 'data'));
    await writeFile(file, 'this is a text file, not an event log '.repeat(200));
    expect(() => openSqliteEventStore({ file })).toThrow(EventStoreUnavailableError);
    expect(() => openSqliteEventStore({ file })).toThrow(file);
    await rm(dir, { recursive: true, force: true });
  });

  test('given a data path under a regular file, when opening, then EventStoreUnavailableError naming the file', async () => {
    const { dir } = await tempFile();
    await writeFile(join(dir, 'blocker'), '');
    const file = join(dir, 'blocker', 'events.sqlite');
    expect(() => openSqliteEventStore({ file })).toThrow(EventStoreUnavailableError);
    expect(() => openSqliteEventStore({ file })).toThrow(file);
    await rm(dir, { recursive: true, force: true });
  });

  test('given a file from a newer schema version, when opening, then EventStoreUnavailableError naming the file', async () => {
    const { dir, file } = await tempFile();
    await openSqliteEventStore({ file }).close();
    const db = new Database(file);
    db.pragma('user_version = 99');
    db.close();
    expect(() => openSqliteEventStore({ file })).toThrow(
      `Event store file ${file} is unavailable: schema version 99`,
    );
    await rm(dir, { recursive: true, force: true });
  });

  if (runsAsRoot) {
    process.stdout.write(
      'SKIPPED read-only folder test: running as root, which ignores folder permissions\n',
    );
  }
  (runsAsRoot ? test.skip : test)(
    `given a read-only data folder, when opening, then EventStoreUnavailableError naming the file${runsAsRoot ? ' (skipped: running as root, which ignores folder permissions)' : ''}`,
    async () => {
      const { dir } = await tempFile();
      const readOnly = join(dir, 'read-only');
      await mkdir(readOnly);
      await chmod(readOnly, 0o555);
      const file = join(readOnly, 'events.sqlite');
      try {
        expect(() => openSqliteEventStore({ file })).toThrow(EventStoreUnavailableError);
        expect(() => openSqliteEventStore({ file })).toThrow(file);
      } finally {
        await chmod(readOnly, 0o755);
        await rm(dir, { recursive: true, force: true });
      }
    },
  );
});
