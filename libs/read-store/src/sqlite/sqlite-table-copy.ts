import { sql } from 'kysely';
import type { SyncTransaction } from './sqlite-exclusive-writer.js';
import { isTouched, primaryKeyIn } from './sqlite-touched-rows.js';

interface ColumnInfo {
  name: string;
}

/**
 * Inside an exclusive write (see `openSqliteExclusiveWriter`, with `attach`), replaces the rows of
 * each table of the main database with the rows of the same table in the attached one, matching
 * columns by name: all of them, or with `touchedOnly` those whose key the attached build recorded
 * (see recordTouchedRows). Readers of the main database (WAL) see the old rows until the commit and
 * the new ones after: never an empty or half-copied table. Returns the number of rows copied.
 *
 * @example
 * await writer.write((trx) => replaceRowsFromAttached(trx, 'shadow', ['grant_register']), {
 *   attach: { file: 'data/read.rebuild-grant-register.sqlite', as: 'shadow' },
 * });
 */
export function replaceRowsFromAttached<DB>(
  trx: SyncTransaction<DB>,
  attached: string,
  tables: readonly string[],
  options: { readonly touchedOnly?: boolean } = {},
): number {
  let copied = 0;
  for (const table of tables) {
    const list = sql.join(sharedColumns(trx, attached, table).map((column) => sql.id(column)));
    const which =
      options.touchedOnly === true ? isTouched(attached, table, primaryKeyIn(trx, attached, table)) : sql`1`;
    const [live, built] = [sql.table(`main.${table}`), sql.table(`${attached}.${table}`)];
    trx.run(sql`delete from ${live} where ${which}`.compile(trx.db));
    const copy = sql`insert into ${live} (${list}) select ${list} from ${built} where ${which}`;
    copied += trx.run(copy.compile(trx.db));
  }
  return copied;
}

/** The attached table's columns, which the live one must all have. */
function sharedColumns<DB>(trx: SyncTransaction<DB>, attached: string, table: string): string[] {
  const columns = columnsOf(trx, attached, table);
  const live = new Set(columnsOf(trx, 'main', table));
  const missing = columns.filter((column) => !live.has(column));
  if (missing.length > 0) {
    throw new Error(`Table ${table} of the read store lacks columns ${missing.join(', ')}: migrate it first`);
  }
  return columns;
}

/** Column names in table order; throws when the table does not exist. */
function columnsOf<DB>(trx: SyncTransaction<DB>, schema: string, table: string): string[] {
  const query = sql<ColumnInfo>`select name from pragma_table_info(${table}, ${schema}) order by cid`;
  const columns = trx.all(query.compile(trx.db)).map((column) => column.name);
  if (columns.length === 0) throw new Error(`No table ${table} in the ${schema} read store`);
  return columns;
}
