import { checkStorage, ConfigError, type LedgerConfig, StorageError } from '@ledger/config';
import { AuthError } from '@ledger/auth';
import { EventStoreUnavailableError, storageFaultOf } from '@ledger/event-store';

/**
 * Exit codes, as scripts rely on them: 2 means "the invocation was wrong, retrying will not help";
 * 3 means "the ledger is not intact" (`verify`, `verify-report`): something was altered, removed or
 * reordered, or a report does not match the ledger.
 */
export const EXIT = { ok: 0, failed: 1, usage: 2, notIntact: 3 } as const;

/** The command line asked for something invalid, such as an unknown role. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The command was well formed but could not be done, such as nothing to revoke. Exit code 1. */
export class CommandFailedError extends Error {
  override readonly name = 'CommandFailedError';
}

/** Verification found the ledger altered, or a report that does not match it. Exit code 3. */
export class NotIntactError extends Error {
  override readonly name = 'NotIntactError';
}

/**
 * Reports an error from a command on stderr and sets the exit code. Errors the user can act on print
 * just their message; anything else is a bug, so it prints the stack to report.
 */
export function reportError(error: unknown): void {
  process.stderr.write(`${messageFor(error)}\n`);
  process.exitCode = exitCodeFor(error);
}

/**
 * A command that failed on its storage (a read-only folder, a full disk) is reported in terms of the
 * data folder when the storage check finds the cause there, since that is what the operator fixes;
 * any other error, or one the check cannot explain, is reported as it is.
 */
export function explainStorageFault(error: unknown, config: LedgerConfig | undefined): unknown {
  if (config === undefined || !fromStorage(error)) return error;
  try {
    checkStorage(config);
  } catch (found) {
    // Anything else the check meets (its probe not removable, say) explains nothing: the command's own error is reported.
    if (found instanceof StorageError) return found;
  }
  return error;
}

/**
 * A store's file failed: a storage fault, the event store unusable, or any SQLite driver error (a
 * file that cannot be created in a read-only folder is only SQLITE_CANTOPEN to the driver).
 */
function fromStorage(error: unknown): boolean {
  if (storageFaultOf(error) !== undefined || error instanceof EventStoreUnavailableError) return true;
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/**
 * Commander's own parse errors (missing option, unknown command) would exit 1; this keeps them at 2
 * like every other usage error. Help and --version still exit 0.
 */
export function exitOnParseError(error: Error): never {
  const succeeded = 'exitCode' in error && error.exitCode === 0;
  process.exit(succeeded ? EXIT.ok : EXIT.usage);
}

function exitCodeFor(error: unknown): number {
  if (error instanceof NotIntactError) return EXIT.notIntact;
  if (error instanceof UsageError || error instanceof ConfigError) return EXIT.usage;
  // A taken name is a conflict with what is stored; the other auth errors are bad input.
  if (error instanceof AuthError && error.code !== 'AUTH.DUPLICATE_NAME') return EXIT.usage;
  return EXIT.failed;
}

function messageFor(error: unknown): string {
  const expected = [
    UsageError,
    CommandFailedError,
    NotIntactError,
    ConfigError,
    AuthError,
    StorageError,
    EventStoreUnavailableError,
  ].some((type) => error instanceof type);
  if (expected && error instanceof Error) return error.message;
  // A driver error from a store that does not name its file (the token store's, say): not a bug.
  if (storageFaultOf(error) !== undefined && error instanceof Error) {
    return `The ledger's storage refused to write: ${error.message}`;
  }
  return `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`;
}
