/** Readers of a read store's file for the crash harness: checkpoints, tables, rows, and a row-by-row comparison. */
import Database from 'better-sqlite3';
import { openSqliteReadStore } from '@ledger/read-store';
import { RUNNER_MIGRATIONS } from '../checkpoint-table.js';

/** A table to compare row by row, and the column(s) that order it (an SQL `order by` list). */
export type ComparedTable = readonly [table: string, orderBy: string];

export interface CheckpointRow {
  readonly name: string;
  readonly position: string | null;
  readonly events_applied: number;
  readonly status: string;
  readonly error_message: string | null;
}

/** Where a table of two read stores differs: its row counts, and the first rows that differ. */
export interface TableComparison {
  readonly table: string;
  readonly rows: readonly [crashed: number, fresh: number];
  readonly differences: readonly {
    readonly index: number;
    readonly crashed: unknown;
    readonly fresh: unknown;
  }[];
}
const SHOWN_DIFFERENCES = 5;

/** The committed checkpoints of a read store, by name. */
export function readCheckpoints(file: string): CheckpointRow[] {
  return query(
    file,
    'select name, position, events_applied, status, error_message from projection_checkpoints order by name',
  ) as CheckpointRow[];
}

/** The tables of a read store, by name, SQLite's own left out. */
export function readTableNames(file: string): string[] {
  const sql =
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name";
  const rows = query(file, sql) as { name: string }[];
  return rows.map((row) => row.name);
}

/**
 * The tables a read store has besides the read models', read from a new store at `file` with only
 * the runner's migrations: its checkpoints and the read store's own bookkeeping.
 */
export async function bookkeepingTables(file: string): Promise<string[]> {
  const readStore = openSqliteReadStore({ file });
  try {
    await readStore.migrate(RUNNER_MIGRATIONS);
  } finally {
    await readStore.close();
  }
  return readTableNames(file);
}

/**
 * Compares a table row by row, as JSON: far faster than a deep equality on tens of thousands of
 * rows, and on failure it shows only the first few differing rows, not the whole table.
 */
export function compareTable(
  crashedFile: string,
  freshFile: string,
  [table, orderBy]: ComparedTable,
): TableComparison {
  const crashed = readRows(crashedFile, table, orderBy);
  const fresh = readRows(freshFile, table, orderBy);
  const differences: TableComparison['differences'][number][] = [];
  for (let index = 0; index < Math.max(crashed.length, fresh.length); index += 1) {
    if (JSON.stringify(crashed[index]) === JSON.stringify(fresh[index])) continue;
    differences.push({ index, crashed: crashed[index], fresh: fresh[index] });
    if (differences.length === SHOWN_DIFFERENCES) break;
  }
  return { table, rows: [crashed.length, fresh.length], differences };
}

/** Every row of a table, in a stable order. */
export function readRows(file: string, table: string, orderBy: string): unknown[] {
  return query(file, `select * from ${table} order by ${orderBy}`);
}

function query(file: string, sql: string): unknown[] {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
}
