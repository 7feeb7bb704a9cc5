import type Database from 'better-sqlite3';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Enough for every distinct query of the read models; parameters are bound, so SQL texts repeat. */
const MAX_STATEMENTS = 500;

/**
 * Kysely prepares every query afresh, and preparing cost more than running in the runner's
 * profile (a projection issues the same few statements per event). This keeps the most recently
 * used prepared statements. Sharing one is safe: Kysely runs one query at a time per connection.
 *
 * @example
 * new SqliteDialect({ database: cachingStatements(new Database(file)) });
 */
export function cachingStatements(database: Database.Database, max = MAX_STATEMENTS): SqliteDatabase {
  const statements = new Map<string, Database.Statement>();
  return {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare: (sql: string): SqliteStatement => {
      const cached = statements.get(sql);
      // Re-inserted on each use, so the Map's first key is always the least recently used.
      statements.delete(sql);
      const statement = cached ?? database.prepare(sql);
      statements.set(sql, statement);
      if (statements.size > max) statements.delete(statements.keys().next().value ?? sql);
      return statement;
    },
  };
}
