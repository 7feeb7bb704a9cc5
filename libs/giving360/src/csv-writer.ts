import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { flatten, GIVING360_CSV_COLUMNS, unflatten } from './csv-columns.js';
import type { Giving360Grant } from './giving360.types.js';

/**
 * The grants as a 360Giving CSV: one row per grant under the standard's column titles, with the
 * columns of the table that at least one grant fills, in the table's order. Cells are written as
 * they are (no spreadsheet-formula escaping): this is a data file for 360Giving's tools, and a
 * changed cell would be a changed grant.
 *
 * @example
 * renderGiving360Csv(pkg.grants);
 * // Identifier,Title,Description,Currency,Amount Awarded,...
 * // 360G-nesta-iep-iep-grant-01,IEP partnership accelerator grant,...,GBP,20000,...
 */
export function renderGiving360Csv(grants: readonly Giving360Grant[]): string {
  const rows = grants.map((grant) => flatten(grant));
  const titles = GIVING360_CSV_COLUMNS.map((column) => column.title).filter((title) =>
    rows.some((row) => row[title] !== undefined),
  );
  return stringify(
    rows.map((row) => titles.map((title) => row[title] ?? '')),
    { header: true, columns: titles },
  );
}

/**
 * A 360Giving CSV back into grant objects, through `unflatten`: what an import starts from, before
 * schema validation. A UTF-8 byte order mark is allowed; unknown columns are left out.
 *
 * @example
 * parseGiving360Csv(renderGiving360Csv(grants)); // deep-equals grants
 */
export function parseGiving360Csv(text: string): Record<string, unknown>[] {
  const records: Record<string, string>[] = parse(text, { bom: true, columns: true, skip_empty_lines: true });
  return records.map((record) => unflatten(record));
}
