import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { columnForTitle, csvTitleKey, unflatten } from '../csv-columns.js';

export const IMPORT_FORMATS = ['json', 'csv'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The grants of a file, as it holds them, and a digest of its bytes (the import's correlation id). */
export interface ImportFile {
  readonly format: ImportFormat;
  readonly grants: readonly unknown[];
  readonly sha256: string;
}

/** The file is not a 360Giving file at all (not JSON, no `grants`, not CSV): nothing was imported. */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

/** The format a file name says, by its extension (`.json`, `.csv`, any case); undefined otherwise. */
export function importFormatOf(path: string): ImportFormat | undefined {
  const extension = extname(path).slice(1).toLowerCase();
  return (IMPORT_FORMATS as readonly string[]).includes(extension) ? (extension as ImportFormat) : undefined;
}

/**
 * Reads a 360Giving file: a JSON data package (`{ "grants": [...] }`) or a CSV with the standard's
 * column titles, one grant a row. Grants are returned unchecked (`planImport` checks each).
 *
 * @example
 * const file = await readImportFile('grants/a-b-charitable-trust.json'); // file.grants.length === 783
 */
export async function readImportFile(path: string): Promise<ImportFile> {
  const format = importFormatOf(path);
  if (format === undefined) throw new ImportFileError(`${path}: a 360Giving file ends in .json or .csv`);
  const bytes = await readFile(path);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const grants = format === 'json' ? importGrantsOfJson(text, path) : importGrantsOfCsv(text, path);
  return { format, grants, sha256 };
}

export function importGrantsOfJson(text: string, path = 'the file'): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ImportFileError(`${path} is not JSON: ${(error as Error).message}`);
  }
  const grants: unknown =
    typeof parsed === 'object' && parsed !== null ? (parsed as { grants?: unknown }).grants : undefined;
  if (!Array.isArray(grants)) {
    throw new ImportFileError(`${path} is not a 360Giving data package: it has no "grants" array`);
  }
  return grants;
}

/** Columns the import reads that the export's table does not write: a person is known by id only. */
const IMPORT_ONLY_COLUMNS: ReadonlyMap<string, readonly string[]> = new Map([
  [csvTitleKey('Recipient Ind:Identifier'), ['recipientIndividual', 'id']],
]);

/**
 * One grant per row, through the standard's column titles (`unflatten`); columns it does not know,
 * such as an applicant's name, are dropped. The amount is kept as the cell's text, so pence are read
 * from the digits the publisher wrote rather than from a double.
 */
export function importGrantsOfCsv(text: string, path = 'the file'): unknown[] {
  let rows: Record<string, string>[];
  try {
    rows = parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true, bom: true });
  } catch (error) {
    throw new ImportFileError(`${path} is not a CSV file: ${(error as Error).message}`);
  }
  return rows.map((row) => {
    const grant = unflatten(row);
    for (const [title, cell] of Object.entries(row)) {
      if (cell.trim() === '') continue;
      if (columnForTitle(title)?.path.join('.') === 'amountAwarded') grant['amountAwarded'] = cell;
      const [field, key] = IMPORT_ONLY_COLUMNS.get(csvTitleKey(title)) ?? [];
      if (field && key) grant[field] = { ...(grant[field] as object | undefined), [key]: cell };
    }
    return grant;
  });
}
