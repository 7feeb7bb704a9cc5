import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LedgerConfig } from '@ledger/config';

/**
 * Everything a refused request must leave as it was, read from the embedded files themselves: the
 * events, the command records, every stream's head and the personal-data keys (with their claims).
 */
export function ledgerFootprint(config: LedgerConfig): string {
  const events = new Database(join(config.dataDir, 'events.sqlite'), { readonly: true });
  const keys = new Database(join(config.dataDir, 'keys.sqlite'), { readonly: true });
  try {
    const count = (db: Database.Database, sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const heads = events.prepare('SELECT stream, revision FROM streams ORDER BY stream').all();
    return JSON.stringify({
      events: count(events, 'SELECT count(*) AS n FROM events'),
      commands: count(events, 'SELECT count(*) AS n FROM commands'),
      heads,
      keys: count(keys, 'SELECT count(*) AS n FROM person_keys'),
      claims: count(keys, 'SELECT count(*) AS n FROM key_claims'),
    });
  } finally {
    events.close();
    keys.close();
  }
}
