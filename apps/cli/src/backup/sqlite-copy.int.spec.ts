import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { copyDatabase, eventLogFigures, integrityProblems } from './sqlite-copy.js';

describe('copyDatabase (SQLite online backup)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-copy-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A WAL database of some 1,500 pages: events, and a total kept in the same transactions. */
  function busyDatabase(file: string): Database.Database {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE events (position INTEGER PRIMARY KEY, data TEXT NOT NULL);
             CREATE TABLE totals (id INTEGER PRIMARY KEY, events INTEGER NOT NULL);
             INSERT INTO totals VALUES (1, 0);`);
    const append = db.prepare('INSERT INTO events (data) VALUES (?)');
    const count = db.prepare('UPDATE totals SET events = events + 1');
    db.transaction(() => {
      for (let i = 0; i < 20_000; i += 1) {
        append.run('x'.repeat(250));
        count.run();
      }
    })();
    return db;
  }

  it('given another connection committing between every step of the copy, when copied, then it finishes, passes integrity_check and holds the database as of one commit', async () => {
    const source = join(dir, 'events.sqlite');
    const writer = busyDatabase(source);
    const append = writer.transaction(() => {
      writer.prepare('INSERT INTO events (data) VALUES (?)').run('y');
      writer.prepare('UPDATE totals SET events = events + 1').run();
    });
    let writes = 0;
    let writing = true;
    // better-sqlite3 runs each step of a backup in its own setImmediate: this writes between them,
    // as the api does from its own process. A step-wise copy would restart after every write.
    const write = () => {
      if (!writing) return;
      append();
      writes += 1;
      setImmediate(write);
    };
    write();
    const copy = join(dir, 'copy.sqlite');

    let timer: NodeJS.Timeout | undefined;
    const copied = await Promise.race([
      copyDatabase(source, copy),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('the copy did not finish in 4 s of writes')), 4_000);
      }),
    ]).finally(() => {
      clearTimeout(timer);
      writing = false;
      writer.close();
    });

    expect(copied.pages).toBeGreaterThan(1000);
    expect(writes).toBeGreaterThan(0);
    expect(integrityProblems(copy)).toEqual([]);
    const db = new Database(copy);
    const { events, total } = db
      .prepare('SELECT (SELECT count(*) FROM events) AS events, (SELECT events FROM totals) AS total')
      .get() as { events: number; total: number };
    db.close();
    expect(events).toBe(total);
    expect(events).toBeGreaterThanOrEqual(20_000);
    expect(eventLogFigures(copy)).toEqual({ events, position: String(events) });
  });

  it('given a file that is not a database, when checked, then integrity_check names the problem', () => {
    const file = join(dir, 'not.sqlite');
    writeFileSync(file, Buffer.alloc(4096, 'not a database'));

    expect(integrityProblems(file)).toEqual(['file is not a database']);
  });
});
