import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, test } from '@jest/globals';
import { type EventStore, openSqliteEventStore, type Position } from '@ledger/event-store';
import {
  buildLedgerFile,
  eventRow,
  type LedgerFile,
  newLedgerFile,
  sealRow,
  tamper,
} from '../testing/sealed-ledger.fixtures.spec.js';
import { verifyLedger } from './verify-ledger.js';
import { SealNotFoundError } from './verify-result.js';

const LEDGER_EVENTS = 1500;

/**
 * SPEC §6 Verify: each way of changing the log behind the store's back is caught and named. The
 * ledger (1,500 events, sealed after every 500 and at the end) is built once; each test changes a
 * copy of its file with SQL, as someone with access to the disk could.
 */
describe('verifyLedger', () => {
  let built: LedgerFile;
  let ledger: LedgerFile;
  let store: EventStore | undefined;

  beforeAll(async () => {
    built = await buildLedgerFile({ events: LEDGER_EVENTS, sealEvery: 500 });
  });
  afterAll(() => rmSync(built.dir, { recursive: true, force: true }));
  afterEach(async () => {
    await store?.close();
    store = undefined;
    rmSync(ledger.dir, { recursive: true, force: true });
  });

  /** A copy of the built ledger, changed by `change` before the store opens it. */
  function ledgerChangedBy(change?: (file: string) => void): EventStore {
    ledger = newLedgerFile();
    copyFileSync(built.file, ledger.file);
    change?.(ledger.file);
    store = openSqliteEventStore({ file: ledger.file });
    return store;
  }

  test('given an untouched ledger, when verified, then it is intact: every event re-hashed, every seal matched', async () => {
    const result = await verifyLedger(ledgerChangedBy());

    expect(result).toMatchObject({ ok: true, failures: [], failureCount: 0, sealsChecked: 3 });
    expect(result.eventsChecked).toBe(result.eventsRehashed);
    expect(result.eventsChecked - result.sealsChecked).toBeGreaterThanOrEqual(LEDGER_EVENTS);
    expect(result).toMatchObject({ unsealedEvents: 0, fromSeal: null, lastSeal: { sealNumber: 3 } });
  });

  test('given one character of one event changed in the file, when verified, then it fails naming that event, its stored and recomputed hash', async () => {
    const target = eventRow(built.file, `stream LIKE 'grant-%' AND revision = 1 ORDER BY position LIMIT 1`);
    const changed = target.data.replace(/"grantId":"(.)/, (match, first: string) =>
      match.replace(`"${first}`, `"${first === 'x' ? 'y' : 'x'}`),
    );
    expect(changed).not.toBe(target.data);

    const result = await verifyLedger(
      ledgerChangedBy((file) =>
        tamper(file, (db) =>
          db.prepare('UPDATE events SET data = ? WHERE position = ?').run(changed, target.position),
        ),
      ),
    );

    expect(result.ok).toBe(false);
    expect(result.failureCount).toBe(1);
    expect(result.failures[0]).toMatchObject({
      kind: 'altered',
      stream: target.stream,
      revision: 1,
      position: String(target.position),
      expectedHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      foundHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(result.failures[0]?.message).toContain(
      `${target.stream} revision 1 at position ${target.position}`,
    );
  });

  test('given one byte of one event flipped in the file itself, not through SQL, when verified, then it fails naming that event', async () => {
    const target = eventRow(built.file, `stream LIKE 'grant-%' AND revision = 1 ORDER BY position LIMIT 1`);
    const result = await verifyLedger(
      ledgerChangedBy((file) => {
        const bytes = readFileSync(file);
        const stored = Buffer.from(target.data, 'utf8');
        const at = bytes.indexOf(stored);
        // The event's data is stored once, in one piece: the byte changed is that event's and no other's.
        expect(at).toBeGreaterThan(0);
        expect(bytes.indexOf(stored, at + 1)).toBe(-1);
        const byte = at + target.data.indexOf('"grantId":"') + '"grantId":"'.length;
        bytes[byte] = (bytes[byte] ?? 0) === 0x78 ? 0x79 : 0x78; // 'x' or 'y': still valid JSON
        writeFileSync(file, bytes);
      }),
    );

    expect(result).toMatchObject({ ok: false, failureCount: 1 });
    expect(result.failures[0]).toMatchObject({
      kind: 'altered',
      stream: target.stream,
      revision: 1,
      position: String(target.position),
    });
  });

  test('given an event deleted from the middle of a stream, when verified, then it fails naming the missing revision, and the seal after it counts one event fewer', async () => {
    const target = eventRow(built.file, `stream LIKE 'grant-%' AND revision = 1 ORDER BY position LIMIT 1`);

    const result = await verifyLedger(
      ledgerChangedBy((file) =>
        tamper(file, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(target.position)),
      ),
    );

    expect(result.failures[0]).toMatchObject({ kind: 'missing', stream: target.stream, revision: 1 });
    expect(result.failures[0]?.message).toContain(`${target.stream} has no revision 1`);
    expect(result.failures[1]).toMatchObject({ kind: 'seal-mismatch', sealNumber: 1 });
    expect(result.failures[1]?.differences).toContain(
      `eventCount: sealed ${eventCountOf(built.file, 1)}, found ${eventCountOf(built.file, 1) - 1}`,
    );
    expect(result.failureCount).toBe(2);
  });

  test('given the last event of a stream deleted before a seal, when verified, then that seal fails naming the stream and both heads; later seals hold', async () => {
    const [first, second] = [sealRow(built.file, 1), sealRow(built.file, 2)];
    const target = eventRow(
      built.file,
      `stream != 'seal-ledger' AND revision > 0 AND position > ? AND position <= ?
       AND revision = (SELECT max(revision) FROM events e WHERE e.stream = events.stream)
       ORDER BY position LIMIT 1`,
      first.covers,
      second.covers,
    );

    const result = await verifyLedger(
      ledgerChangedBy((file) =>
        tamper(file, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(target.position)),
      ),
    );

    expect(result.failureCount).toBe(1);
    expect(result.failures[0]).toMatchObject({
      kind: 'seal-mismatch',
      sealNumber: 2,
      position: String(second.covers),
      stream: target.stream,
      heads: [
        {
          stream: target.stream,
          sealed: { revision: target.revision },
          found: { revision: target.revision - 1 },
        },
      ],
    });
    expect(result.failures[0]?.message).toContain(
      `head of ${target.stream}: sealed revision ${target.revision}`,
    );
  });

  test('given the data of two events of one stream swapped, when verified, then it fails once, naming both as swapped', async () => {
    const a = eventRow(built.file, `stream LIKE 'grant-%' AND revision = 1 ORDER BY position LIMIT 1`);
    const b = eventRow(built.file, `stream = ? AND revision = 2`, a.stream);

    const result = await verifyLedger(
      ledgerChangedBy((file) =>
        tamper(file, (db) => {
          const update = db.prepare('UPDATE events SET data = ? WHERE position = ?');
          update.run(b.data, a.position);
          update.run(a.data, b.position);
        }),
      ),
    );

    expect(result.failureCount).toBe(1);
    expect(result.failures[0]).toMatchObject({
      kind: 'reordered',
      stream: a.stream,
      revision: 1,
      position: String(a.position),
    });
    expect(result.failures[0]?.message).toContain(
      `revisions 1 (position ${a.position}) and 2 (position ${b.position})`,
    );
  });

  test('given the positions of two events of different streams swapped before a seal, when verified, then that seal fails on its log digest', async () => {
    const [first, second] = [sealRow(built.file, 1), sealRow(built.file, 2)];
    const a = eventRow(built.file, `position = ?`, first.at + 10);
    const b = eventRow(built.file, `position = ? AND stream != ?`, a.position + 1, a.stream);

    const result = await verifyLedger(
      ledgerChangedBy((file) =>
        tamper(file, (db) => {
          const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
          move.run(-1, a.position);
          move.run(a.position, b.position);
          move.run(b.position, -1);
        }),
      ),
    );

    expect(result.failureCount).toBe(1);
    expect(result.failures[0]).toMatchObject({
      kind: 'seal-mismatch',
      sealNumber: 2,
      position: String(second.covers),
    });
    expect(result.failures[0]?.differences).toEqual([
      expect.stringMatching(/^logDigest: sealed [0-9a-f]{12}…, found/),
    ]);
    expect(result.failures[0]?.message).toContain('moved to another position or re-dated');
  });

  test('given an event re-dated, when verified, then the seal after it fails on its log digest', async () => {
    const second = sealRow(built.file, 2);

    const result = await verifyLedger(
      ledgerChangedBy((file) =>
        tamper(file, (db) =>
          db
            .prepare(`UPDATE events SET recorded_at = '2001-01-01T00:00:00.000Z' WHERE position = ?`)
            .run(second.covers - 5),
        ),
      ),
    );

    expect(result.failures).toEqual([expect.objectContaining({ kind: 'seal-mismatch', sealNumber: 2 })]);
  });

  test('given the positions of two events of one stream swapped, when verified, then it fails naming the revision that comes out of order', async () => {
    const a = eventRow(built.file, `stream LIKE 'grant-%' AND revision = 1 ORDER BY position LIMIT 1`);
    const b = eventRow(built.file, `stream = ? AND revision = 2`, a.stream);

    const result = await verifyLedger(
      ledgerChangedBy((file) =>
        tamper(file, (db) => {
          const move = db.prepare('UPDATE events SET position = ? WHERE position = ?');
          move.run(-1, a.position);
          move.run(a.position, b.position);
          move.run(b.position, -1);
        }),
      ),
    );

    expect(result.failures[0]).toMatchObject({
      kind: 'reordered',
      stream: a.stream,
      revision: 1,
      position: String(b.position),
    });
    expect(result.failures[0]?.message).toContain(
      `revision 1 is at position ${b.position}, after revision 2 at position ${a.position}`,
    );
  });

  test('given a seal edited in the file, when verified, then the seal event is named as altered and no figure is compared with it', async () => {
    const seal = sealRow(built.file, 3);

    const result = await verifyLedger(
      ledgerChangedBy((file) =>
        tamper(file, (db) =>
          db
            .prepare(`UPDATE events SET data = json_set(data, '$.eventCount', 1) WHERE position = ?`)
            .run(seal.at),
        ),
      ),
    );

    expect(result.failures).toEqual([
      expect.objectContaining({
        kind: 'altered',
        stream: 'seal-ledger',
        revision: 2,
        position: String(seal.at),
      }),
    ]);
  });

  test('given fromSeal, when an event before that seal was altered, then it is not re-hashed, while one after it is found', async () => {
    const second = sealRow(built.file, 2);
    const before = eventRow(built.file, `position = ?`, second.covers - 3);
    const after = eventRow(built.file, `position = ?`, second.at + 3);
    const edit = (data: string) => data.replace(/"(\d)/, (_m, d: string) => `"${(Number(d) + 1) % 10}`);

    const result = await verifyLedger(
      ledgerChangedBy((file) =>
        tamper(file, (db) => {
          const update = db.prepare('UPDATE events SET data = ? WHERE position = ?');
          update.run(edit(before.data), before.position);
          update.run(edit(after.data), after.position);
        }),
      ),
      { fromSeal: 2 },
    );

    expect(result.failures.map((f) => [f.kind, f.position])).toEqual([['altered', String(after.position)]]);
    expect(result.fromSeal).toBe(2);
    expect(result.eventsRehashed).toBeLessThan(result.eventsChecked - second.covers + 10);
  });

  test('given fromSeal and a stream head deleted before that seal, when verified, then the seal still catches it', async () => {
    const second = sealRow(built.file, 2);
    const target = eventRow(
      built.file,
      `stream != 'seal-ledger' AND revision > 0 AND position <= ?
       AND revision = (SELECT max(revision) FROM events e WHERE e.stream = events.stream)
       ORDER BY position DESC LIMIT 1`,
      second.covers,
    );

    const result = await verifyLedger(
      ledgerChangedBy((file) =>
        tamper(file, (db) => db.prepare('DELETE FROM events WHERE position = ?').run(target.position)),
      ),
      { fromSeal: 2 },
    );

    expect(result.failures[0]).toMatchObject({ kind: 'seal-mismatch', stream: target.stream });
  });

  test('given a seal number the ledger lacks, when verified from it, then SealNotFoundError names the seals there are', async () => {
    await expect(verifyLedger(ledgerChangedBy(), { fromSeal: 9 })).rejects.toThrow(
      new SealNotFoundError(9, 3),
    );
  });

  test('given events after the last seal, when the last is deleted, then it goes unseen: they are checked by their chains only, and the result says how many', async () => {
    const result = await verifyLedger(
      ledgerChangedBy((file) =>
        tamper(file, (db) => {
          db.prepare(`DELETE FROM events WHERE stream = 'seal-ledger' AND revision = 2`).run();
          db.prepare(`DELETE FROM events WHERE position = (SELECT max(position) FROM events)`).run();
        }),
      ),
    );

    expect(result).toMatchObject({ ok: true, lastSeal: { sealNumber: 2 } });
    expect(result.unsealedEvents).toBeGreaterThan(0);
  });
});

function eventCountOf(file: string, sealNumber: number): number {
  const row = eventRow(file, `stream = 'seal-ledger' AND revision = ?`, sealNumber - 1);
  return (JSON.parse(row.data) as { eventCount: number }).eventCount;
}

export type { Position };
