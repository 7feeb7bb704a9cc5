import { copyFileSync, mkdirSync, openSync, writeSync, closeSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { openSqliteEventStore } from '@ledger/event-store';
import { ALL_PROJECTIONS, rebuildProjections } from '@ledger/projections';
import { ledgerEvents } from '@ledger/workload';
import {
  checkAcknowledged,
  checkBudgets,
  checkGapFree,
  checkNothingElse,
  checkReadModels,
  integrityOf,
  type Invariant,
  readEventLog,
} from './soak-checks.js';
import type { Acknowledged } from './soak-tally.js';

// The checks must fail on a broken ledger, or a green soak proves nothing: each is given the files
// of a generated ledger as they should be, then with one thing broken by raw SQL.
const EVENTS = 3_000;

const withoutFigures = ({ name, ok, examples }: Invariant) => ({ name, ok, examples });

describe('the soak’s checks, on a generated ledger and on copies broken one way each', () => {
  let root: string;
  let dataDir: string;
  const acknowledged = new Map<string, Acknowledged>();

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ledger-soak-checks-'));
    dataDir = join(root, 'data');
    mkdirSync(dataDir);
    const store = openSqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    for (const writes of ledgerEvents({ events: EVENTS, seed: 11 })) {
      const key = writes[0]?.events[0]?.metadata.commandId ?? '';
      const result = await store.appendMultiple(writes, { commandId: key });
      const target = result.streams[0] ?? { stream: '', revision: -1 };
      acknowledged.set(key, {
        key,
        kind: 'income',
        setup: false,
        outcome: {
          commandId: key,
          ...target,
          position: result.position,
          eventIds: result.eventIds,
          replayed: false,
        },
      });
    }
    await store.close();
    // The api's read models, as a catching-up api would leave them.
    await rebuildProjections(
      openSqliteEventStore({ file: join(dataDir, 'events.sqlite') }),
      join(dataDir, 'read.sqlite'),
      ALL_PROJECTIONS,
      ALL_PROJECTIONS.map((p) => p.name),
    );
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** A copy of the event log with `sql` run on it. */
  const broken = (name: string, sql: string): string => {
    const file = join(root, `${name}.sqlite`);
    copyFileSync(join(dataDir, 'events.sqlite'), file);
    const db = new Database(file);
    db.exec(sql);
    db.close();
    return file;
  };

  it('given the log as written, when checked, then every event check holds', () => {
    const log = readEventLog(join(dataDir, 'events.sqlite'));
    expect(log.rows).toHaveLength(EVENTS);
    const checks = [
      checkAcknowledged(log, acknowledged.values()),
      checkNothingElse(log, acknowledged, new Set(['refused-1'])),
      checkGapFree(log),
      checkBudgets(join(dataDir, 'events.sqlite')),
    ];
    expect(checks.map(withoutFigures)).toEqual(checks.map(({ name }) => ({ name, ok: true, examples: [] })));
  });

  it('given an acknowledged event deleted, when checked, then it is missing from the log and the positions have a gap', () => {
    const log = readEventLog(broken('deleted', 'DELETE FROM events WHERE position = 1500'));
    const check = checkAcknowledged(log, acknowledged.values());
    expect(check.ok).toBe(false);
    expect(check.examples[0]).toMatch(/^command \S+: event \S+ is in the log 0 times$/);
    expect(checkGapFree(log).examples[0]).toBe('position 1501 follows 1499');
  });

  it('given an answer that told another position, when checked, then the acknowledged check says where the event really is', () => {
    const [first] = acknowledged.values();
    if (first === undefined) throw new Error('no acknowledgement');
    const told = { ...first, outcome: { ...first.outcome, position: '2' } };
    const check = checkAcknowledged(readEventLog(join(dataDir, 'events.sqlite')), [told]);
    expect(check.ok).toBe(false);
    expect(check.examples[0]).toContain('is at position 1, the answer implies');
  });

  it('given an event nobody acknowledged and a command record of a refused command, when checked, then nothing-else names both', () => {
    const log = readEventLog(
      broken(
        'extra',
        `INSERT INTO events (position, event_id, stream, revision, type, data, metadata, schema_version, occurred_at, recorded_at)
           SELECT position + 1, 'ghost-event', 'innovator-ghost', 0, 'IncomeReported', '{}', '{"commandId":"refused-1"}', 1, occurred_at, recorded_at
           FROM events ORDER BY position DESC LIMIT 1;
         INSERT INTO streams (stream, revision) VALUES ('innovator-ghost', 0);
         INSERT INTO commands (command_id, fingerprint, result, recorded_at) VALUES ('refused-1', NULL, '{}', '2024-01-01');`,
      ),
    );
    const check = checkNothingElse(log, acknowledged, new Set(['refused-1']));
    expect(check.ok).toBe(false);
    expect(check.examples).toEqual([
      'refused command refused-1 wrote IncomeReported at position 3001',
      'position 3001: IncomeReported on innovator-ghost (command refused-1) was never acknowledged',
      'refused command refused-1 has a command record',
      'command record refused-1 was never acknowledged',
    ]);
    expect(checkGapFree(log).ok).toBe(true);
  });

  it("given a stream's revision skipped and its head not moved, when checked, then gap-free names the stream", () => {
    const log = readEventLog(
      broken(
        'revision',
        `UPDATE events SET revision = revision + 1 WHERE position = (SELECT max(position) FROM events WHERE revision > 0)`,
      ),
    );
    const check = checkGapFree(log);
    expect(check.ok).toBe(false);
    expect(check.examples.join('\n')).toMatch(/revision \d+ at position \d+, \d+ expected/);
  });

  it('given funds committed beyond a budget, when the log is folded, then the budget check names the programme and the position', () => {
    const file = broken(
      'budget',
      `UPDATE events SET data = json_set(data, '$.amount', 10000000000)
       WHERE position = (SELECT min(position) FROM events WHERE type = 'GrantFundsCommitted')`,
    );
    const check = checkBudgets(file);
    expect(check.ok).toBe(false);
    expect(check.examples.join('\n')).toMatch(/has 10000000000 pence committed of a \d+ budget/);
  });

  it("given the api's read models, when compared with a rebuild, then they are equal; with one figure changed, the row is named", async () => {
    const scratch = join(root, 'rebuilt-1');
    mkdirSync(scratch);
    const head = readEventLog(join(dataDir, 'events.sqlite')).rows.length;
    expect(withoutFigures(await checkReadModels(dataDir, scratch, head))).toEqual({
      name: 'read-models',
      ok: true,
      examples: [],
    });

    const db = new Database(join(dataDir, 'read.sqlite'));
    db.exec(
      `UPDATE grant_register SET amount_awarded = amount_awarded + 1 WHERE rowid = (SELECT min(rowid) FROM grant_register)`,
    );
    db.close();
    const scratch2 = join(root, 'rebuilt-2');
    mkdirSync(scratch2);
    const check = await checkReadModels(dataDir, scratch2, head);
    expect(check.ok).toBe(false);
    expect(check.examples[0]).toMatch(/^grant_register row 0: the api's \{.*\}, rebuilt \{.*\}$/);
  }, 60_000);

  it('given a file with a page overwritten, when its integrity is checked, then it is not ok', () => {
    const copy = join(root, 'corrupt');
    mkdirSync(copy);
    copyFileSync(join(dataDir, 'read.sqlite'), join(copy, 'read.sqlite'));
    const fd = openSync(join(copy, 'read.sqlite'), 'r+');
    writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, 8192);
    closeSync(fd);
    const result = integrityOf(copy);
    expect(result['events.sqlite']).toBe('missing');
    expect(result['read.sqlite']).not.toBe('ok');
  });
});
