import { EventStoreUnavailableError } from '../errors.js';

/**
 * SQLite result codes that mean the file itself cannot be used (as opposed to a refused request):
 * callers get the port's EventStoreUnavailableError instead of a driver error.
 */
const UNAVAILABLE_CODES = [
  'SQLITE_CANTOPEN',
  'SQLITE_NOTADB',
  'SQLITE_READONLY',
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CORRUPT',
  'SQLITE_BUSY',
  'SQLITE_PERM',
];

/**
 * The SQLite result code of a driver error. Duck-typed on purpose, not `instanceof SqliteError` nor
 * even `instanceof Error`: the native addon keeps the error class of the first copy of
 * better-sqlite3 loaded in the process, which under jest (one module registry and one realm per
 * test file) belongs to another file's realm, so both checks silently fail there.
 */
export function sqliteCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

/** The message of any thrown value, whichever realm its class comes from. */
export function messageOf(error: unknown): string {
  if (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    return error.message;
  }
  return String(error);
}

/** True for driver errors that say the store's file is unusable (full disk, I/O error, locked, ...). */
export function isUnavailable(error: unknown): boolean {
  const code = sqliteCode(error);
  return code !== undefined && UNAVAILABLE_CODES.some((prefix) => code.startsWith(prefix));
}

/** Wraps a failure to reach the file in the port's error, naming the file so an operator can act. */
export function unavailable(file: string, error: unknown): EventStoreUnavailableError {
  return new EventStoreUnavailableError(`Event store file ${file} is unavailable: ${messageOf(error)}`, {
    cause: error,
  });
}

/** Translates unusable-file driver errors at the boundary; anything else passes through unchanged. */
export function translateDriverError(file: string, error: unknown): unknown {
  return isUnavailable(error) ? unavailable(file, error) : error;
}

/** Runs a synchronous driver call, translating unusable-file errors for the file. */
export function translatingErrors<T>(file: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw translateDriverError(file, error);
  }
}
