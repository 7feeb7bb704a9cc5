import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { SyncTransaction } from './sqlite-exclusive-writer.js';

/** Where `recordTouchedRows` writes: one row per (table, primary key as a JSON array). */
export const TOUCHED_ROWS_TABLE = 'replay_touched';

/** Each kind of write, with the row versions whose keys it touches. */
const TRIGGERS = [
  ['insert', ['new']],
  ['update', ['old', 'new']],
  ['delete', ['old']],
] as const;

interface KeyColumn {
  name: string;
}

/**
 * From now on, records the primary key of every row of `tables` inserted, updated or deleted, with
 * triggers, so that what a replay changes can be told from what it only carried along.
 *
 * @example
 * await recordTouchedRows(shadow.db, ['grant_register']);
 */
export async function recordTouchedRows<DB>(db: Kysely<DB>, tables: readonly string[]): Promise<void> {
  const touched = sql.id(TOUCHED_ROWS_TABLE);
  await sql`create table if not exists ${touched} (tbl text not null, key text not null, primary key (tbl, key))`.execute(
    db,
  );
  for (const table of tables) {
    const key = await primaryKey(db, table);
    for (const [event, rows] of TRIGGERS) {
      const name = sql.id(`${TOUCHED_ROWS_TABLE}_${table}_${event}`);
      const body = sql.join(
        rows.map((row) => touch(table, keyJson(row, key))),
        sql`; `,
      );
      await sql`create trigger if not exists ${name} after ${sql.raw(event)} on ${sql.table(table)} begin ${body}; end`.execute(
        db,
      );
    }
  }
}

/** The primary key columns of a table, in key order; throws when it has none. */
export function primaryKeyIn<DB>(trx: SyncTransaction<DB>, schema: string, table: string): string[] {
  const query = sql<KeyColumn>`select name from pragma_table_info(${table}, ${schema}) where pk > 0 order by pk`;
  const columns = trx.all(query.compile(trx.db)).map((column) => column.name);
  if (columns.length === 0)
    throw new Error(`Table ${table} has no primary key: its rows cannot be told apart`);
  return columns;
}

/** `json_array("a", "b")` (or of `alias."a"`…): a row's key as text, comparable across databases. */
export function keyJson(alias: string | undefined, key: readonly string[]): RawBuilder<string> {
  const columns = key.map((column) => sql.ref(alias === undefined ? column : `${alias}.${column}`));
  return sql<string>`json_array(${sql.join(columns)})`;
}

/** `json_array(key) in (keys the build recorded for this table)`. */
export function isTouched(attached: string, table: string, key: readonly string[]): RawBuilder<boolean> {
  const touched = sql.table(`${attached}.${TOUCHED_ROWS_TABLE}`);
  return sql<boolean>`${keyJson(undefined, key)} in (select key from ${touched} where tbl = ${table})`;
}

async function primaryKey<DB>(db: Kysely<DB>, table: string): Promise<string[]> {
  const { rows } =
    await sql<KeyColumn>`select name from pragma_table_info(${table}) where pk > 0 order by pk`.execute(db);
  if (rows.length === 0) throw new Error(`Table ${table} has no primary key: its rows cannot be told apart`);
  return rows.map((row) => row.name);
}

function touch(table: string, key: RawBuilder<string>): RawBuilder<unknown> {
  // Not `insert or ignore`: inside a trigger the outer statement's conflict clause (a projection's
  // upsert) overrides the trigger's own.
  const touched = sql.id(TOUCHED_ROWS_TABLE);
  const seen = sql`select 1 from ${touched} where tbl = ${sql.lit(table)} and key = ${key}`;
  return sql`insert into ${touched} (tbl, key) select ${sql.lit(table)}, ${key} where not exists (${seen})`;
}
