import { sql } from 'kysely';
import type { SyncTransaction } from './sqlite-exclusive-writer.js';
import { isTouched, keyJson, primaryKeyIn } from './sqlite-touched-rows.js';

type Row = Record<string, unknown>;

/** One row that differs between the live table and a build of it, identified by its primary key. */
export interface RowChange {
  readonly table: string;
  readonly key: Readonly<Row>;
  readonly change: 'added' | 'removed' | 'changed';
  /** Old and new value of every column of an added or removed row, of the differing ones otherwise. */
  readonly values: Readonly<Record<string, { readonly old: unknown; readonly new: unknown }>>;
}

const KEY = '__row_key';

/**
 * The rows of `table` in the main database and in the attached one that differ, by primary key; with
 * `touchedOnly`, only rows whose key the attached build recorded (see recordTouchedRows). A table
 * missing from the main database counts as empty.
 *
 * @example
 * const changes = readWithAttached(live, { file: build, as: 'rebuild' }, (trx) => diffAttachedRows(trx, 'rebuild', 'grant_register', false));
 */
export function diffAttachedRows<DB>(
  trx: SyncTransaction<DB>,
  attached: string,
  table: string,
  touchedOnly: boolean,
): RowChange[] {
  const key = primaryKeyIn(trx, attached, table);
  const rowsOf = (schema: string): Map<string, Row> => {
    if (!hasTable(trx, schema, table)) return new Map();
    const which = touchedOnly ? isTouched(attached, table, key) : sql`1`;
    const query = sql<Row>`select ${keyJson(undefined, key)} as ${sql.id(KEY)}, * from ${sql.table(`${schema}.${table}`)} where ${which} order by ${KEY}`;
    return new Map(trx.all(query.compile(trx.db)).map(({ [KEY]: rowKey, ...row }) => [String(rowKey), row]));
  };
  const [before, after] = [rowsOf('main'), rowsOf(attached)];
  const changes: RowChange[] = [];
  for (const rowKey of new Set([...before.keys(), ...after.keys()])) {
    const change = compare(table, key, before.get(rowKey), after.get(rowKey));
    if (change !== undefined) changes.push(change);
  }
  return changes;
}

function compare(
  table: string,
  key: readonly string[],
  old: Row | undefined,
  now: Row | undefined,
): RowChange | undefined {
  const either = old ?? now ?? {};
  const keyOf = Object.fromEntries(key.map((column) => [column, either[column]]));
  const columns = Object.keys({ ...old, ...now });
  const differing = columns.filter((column) => !same(old?.[column], now?.[column]));
  if (differing.length === 0) return undefined;
  const change = old === undefined ? 'added' : now === undefined ? 'removed' : 'changed';
  const shown = change === 'changed' ? differing : columns;
  const values = Object.fromEntries(
    shown.map((column) => [column, { old: old?.[column], new: now?.[column] }]),
  );
  return { table, key: keyOf, change, values };
}

function same(a: unknown, b: unknown): boolean {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return a.equals(b);
  return Object.is(a, b);
}

function hasTable<DB>(trx: SyncTransaction<DB>, schema: string, table: string): boolean {
  const query = sql<{ n: number }>`select count(*) as n from pragma_table_info(${table}, ${schema})`;
  return (trx.all(query.compile(trx.db))[0]?.n ?? 0) > 0;
}
