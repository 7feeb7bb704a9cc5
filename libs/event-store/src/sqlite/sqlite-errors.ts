import { accessSync, constants, existsSync } from 'node:fs';
import { dirname } from 'node:path';
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

/**
 * The disk holding the store's file has no room for a write: nothing of that write was recorded (the
 * whole transaction rolled back). The operator's fix is to free space; the store itself is intact.
 */
export class EventStoreFullError extends EventStoreUnavailableError {
  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Cannot write the event store file ${file}: the disk is full (${describe(options?.cause)}); that write was not recorded, not even in part`,
      options,
    );
    this.name = 'EventStoreFullError';
  }
}

/**
 * The store's file, or the folder SQLite must create its journal beside it in, is not writable by this
 * process: nothing was recorded. The operator's fix is permissions, or a writable mount.
 */
export class EventStoreReadOnlyError extends EventStoreUnavailableError {
  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(
      `Cannot write the event store file ${file}: it or its folder ${dirname(file)} is not writable by this process (${describe(options?.cause)}); that write was not recorded, not even in part`,
      options,
    );
    this.name = 'EventStoreReadOnlyError';
  }
}

/** What a storage failure means for an operator: no room left, or no permission to write. */
export type StorageFault = 'full' | 'read-only';

/**
 * Codes a write refused for lack of room yields. SQLITE_FULL is ENOSPC; a quota (EDQUOT), a file-size
 * limit (EFBIG, RLIMIT_FSIZE) or ENOSPC met while growing the WAL index reach SQLite as these I/O
 * codes, which carry no errno. A failing device (EIO) on a write reads the same and is reported as a
 * full disk too: the driver does not tell them apart, and the operator looks at the disk either way.
 */
const FULL_CODES = ['SQLITE_FULL', 'SQLITE_IOERR_WRITE', 'SQLITE_IOERR_SHMSIZE', 'SQLITE_IOERR_SHMOPEN'];
/** Codes a write refused for lack of permission yields (a moved or deleted file is not one). */
const READ_ONLY_CODES = ['SQLITE_READONLY', 'SQLITE_PERM'];
/** errno codes of creating the store's folder (Node's mkdir) that mean the same. */
const FULL_ERRNOS = ['ENOSPC', 'EDQUOT', 'EFBIG'];
const READ_ONLY_ERRNOS = ['EACCES', 'EPERM', 'EROFS'];

/**
 * The storage fault behind an error, if it is one: a SQLite driver error (duck-typed, from any
 * store's file), this library's named errors, or either as the `cause` of a wrapping error (the key
 * store's, say). Errors of other file calls are not classified: an unreadable schema file is no full disk.
 */
export function storageFaultOf(error: unknown): StorageFault | undefined {
  let current = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    if (current instanceof EventStoreFullError) return 'full';
    if (current instanceof EventStoreReadOnlyError) return 'read-only';
    const code = sqliteCode(current) ?? '';
    if (FULL_CODES.includes(code)) return 'full';
    if (READ_ONLY_CODES.some((prefix) => code.startsWith(prefix)) && code !== 'SQLITE_READONLY_DBMOVED') {
      return 'read-only';
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/** Wraps a failure to reach the file in the port's error, naming the file so an operator can act. */
export function unavailable(file: string, error: unknown): EventStoreUnavailableError {
  const fault = storageFaultOf(error) ?? openingFault(file, error);
  if (fault === 'full') return new EventStoreFullError(file, { cause: error });
  if (fault === 'read-only') return new EventStoreReadOnlyError(file, { cause: error });
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

/**
 * Faults only opening meets: creating the store's folder (Node's errno codes), and SQLITE_CANTOPEN,
 * which says only that the file could not be opened: read-only trouble when the file, or the folder it
 * would be created in, exists and this process may not write it.
 */
function openingFault(file: string, error: unknown): StorageFault | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  if (typeof code === 'string' && FULL_ERRNOS.includes(code)) return 'full';
  if (typeof code === 'string' && READ_ONLY_ERRNOS.includes(code)) return 'read-only';
  return code === 'SQLITE_CANTOPEN' ? cannotOpen(file) : undefined;
}

function cannotOpen(file: string): StorageFault | undefined {
  const target = existsSync(file) ? file : dirname(file);
  if (!existsSync(target)) return undefined;
  try {
    accessSync(target, constants.W_OK);
    return undefined;
  } catch {
    return 'read-only';
  }
}

/** The driver's code and message, or the errno's, as one phrase: `SQLITE_FULL: database or disk is full`. */
function describe(cause: unknown): string {
  const code =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : undefined;
  const message = messageOf(cause);
  return code === undefined || message.startsWith(code) ? message : `${code}: ${message}`;
}
