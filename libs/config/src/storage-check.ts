import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { LedgerConfig } from './ledger-config.js';

/**
 * Room each data folder must have to start: the WAL indexes (32 KiB a file), a new file's schema and
 * a first few appends. Less than this is a full disk for the ledger's purposes.
 */
export const STORAGE_ROOM_BYTES = 1024 * 1024;

/** The files SQLite writes beside each store's file. */
const SIDE_FILES = ['', '-wal', '-shm', '-journal'];
const FULL_ERRNOS = ['ENOSPC', 'EDQUOT', 'EFBIG'];
const NOT_WRITABLE_ERRNOS = ['EACCES', 'EPERM', 'EROFS'];

/**
 * A data folder or file the ledger must write is not writable, or its disk is full. The message names
 * the folder or file and says what to do; nothing was written.
 */
export class StorageError extends Error {
  readonly code: 'STORAGE.NOT_WRITABLE' | 'STORAGE.FULL';

  constructor(
    readonly kind: 'not-writable' | 'full',
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'StorageError';
    this.code = kind === 'full' ? 'STORAGE.FULL' : 'STORAGE.NOT_WRITABLE';
  }
}

/** The embedded SQLite files the configuration names: the stores kept locally and the token file. */
export function embeddedFiles(config: LedgerConfig): string[] {
  const { eventStore, readStore, keyStore } = config;
  const files = [
    eventStore.kind === 'sqlite' ? eventStore.file : undefined,
    readStore.kind === 'sqlite' ? readStore.file : undefined,
    keyStore.kind === 'sqlite' ? keyStore.file : undefined,
    config.authFile,
  ];
  return files.filter((file): file is string => file !== undefined);
}

/**
 * Checks, before any store is opened, that the ledger can write where the configuration says: each
 * data folder (or the folder it would be created in) and each existing store file, WAL and index are
 * writable by this process, and each folder has room for STORAGE_ROOM_BYTES (a probe file, written
 * then removed). Root passes the permission checks as the kernel lets it write; a read-only mount does
 * not. Anything else odd (a path through a regular file) is left for the store to report.
 *
 * @throws StorageError naming the folder or file, e.g.
 *   `The data folder /var/lib/ledger is not writable by this process (EACCES): ...`.
 */
export function checkStorage(config: LedgerConfig, roomBytes = STORAGE_ROOM_BYTES): void {
  const files = embeddedFiles(config);
  const folders = [...new Set(files.map((file) => dirname(file)))];
  folders.forEach(checkFolder);
  for (const file of files) SIDE_FILES.forEach((suffix) => checkFile(`${file}${suffix}`));
  for (const folder of folders) checkRoom(folder, roomBytes);
}

function checkFolder(folder: string): void {
  const existing = nearestExisting(folder);
  const problem = accessProblem(existing, constants.W_OK | constants.X_OK);
  if (problem === undefined) return;
  const what =
    existing === folder
      ? `The data folder ${folder} is not writable by this process (${problem})`
      : `The data folder ${folder} cannot be created: ${existing} is not writable by this process (${problem})`;
  throw new StorageError(
    'not-writable',
    folder,
    `${what}: the ledger cannot record anything there. Make it writable by the user the ledger runs as.`,
  );
}

function checkFile(file: string): void {
  if (!existsSync(file)) return;
  const problem = accessProblem(file, constants.R_OK | constants.W_OK);
  if (problem === undefined) return;
  throw new StorageError(
    'not-writable',
    file,
    `The data file ${file} is not writable by this process (${problem}): the ledger cannot record anything. ` +
      'Make it writable by the user the ledger runs as.',
  );
}

/** Writes (and removes) a probe of `bytes`: the one sure test of room, quotas and file-size limits included. */
function checkRoom(folder: string, bytes: number): void {
  const probe = join(folder, `.ledger-storage-check-${process.pid}`);
  let fd: number | undefined;
  try {
    mkdirSync(folder, { recursive: true });
    fd = openSync(probe, 'wx');
    const chunk = Buffer.alloc(Math.min(bytes, 64 * 1024));
    for (let written = 0; written < bytes;)
      written += writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - written));
  } catch (error) {
    const code = errnoOf(error);
    if (FULL_ERRNOS.includes(code)) {
      throw new StorageError(
        'full',
        folder,
        `The disk holding the data folder ${folder} is full: ${sizeOf(bytes)} could not be written there ` +
          `(${code}: no space, a quota or a file-size limit). Free space on it, then try again.`,
      );
    }
    if (NOT_WRITABLE_ERRNOS.includes(code)) {
      throw new StorageError(
        'not-writable',
        folder,
        `The data folder ${folder} is not writable by this process (${code}): the ledger cannot record anything there.`,
      );
    }
    // Not a storage fault (a path through a regular file, say): the store that opens it will say so.
  } finally {
    if (fd !== undefined) {
      closeSync(fd);
      unlinkSync(probe);
    }
  }
}

function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}

function nearestExisting(path: string): string {
  let current = path;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

/** The errno code access(2) refuses with, or undefined when allowed. */
function accessProblem(path: string, mode: number): string | undefined {
  try {
    accessSync(path, mode);
    return undefined;
  } catch (error) {
    return errnoOf(error) || 'EACCES';
  }
}

function errnoOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string'
    ? error.code
    : '';
}
