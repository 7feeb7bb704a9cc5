import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmdirSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CommandFailedError, UsageError } from '../cli-exit.js';
import {
  type BackupManifest,
  MANIFEST_NAME,
  ManifestError,
  type ManifestFile,
  parseManifest,
  type StoreFile,
  STORE_FILES,
} from './backup-manifest.js';
import { eventLogFigures, integrityProblems } from './sqlite-copy.js';
import { readTar, type TarEntry, TarFormatError } from './tar.js';
import { fsyncFolder } from './write-backup.js';

/** The manifest is small; anything larger is not one. */
const MAX_MANIFEST_BYTES = 1024 * 1024;
/** Files SQLite keeps beside a database; one left from another database would be applied to the restored one. */
const SIDE_FILES = ['-wal', '-shm', '-journal'] as const;

export interface RestoreResult {
  /** The archive read (absolute). */
  readonly file: string;
  readonly manifest: BackupManifest;
  /** Each file restored and where it now is. */
  readonly restored: readonly (ManifestFile & { readonly path: string })[];
  readonly milliseconds: number;
}

/** A backup refused: it is damaged or not one; exit code 1. */
class DamagedBackupError extends Error {}

/**
 * Restores a backup written by `writeBackup` into the configured store files, which must not exist
 * yet (nor their -wal, -shm or -journal files). The archive's files are extracted into a staging
 * folder inside each destination folder, each checked against the manifest (size, SHA-256) and
 * with `PRAGMA integrity_check`, and the event log against the manifest's count and position; only
 * then are they renamed into place. On any failure nothing is left: no staged file, no restored
 * file, no folder it created.
 *
 * @throws UsageError when the archive does not exist; CommandFailedError when a store file exists
 * or the archive is damaged or not a backup of this ledger.
 */
export function restoreBackup(paths: Readonly<Record<StoreFile, string>>, archive: string): RestoreResult {
  const started = performance.now();
  const file = resolve(archive);
  if (!existsSync(file)) throw new UsageError(`No such file: ${archive}`);
  refuseExisting(paths);
  const folders = new Folders();
  const renamed: string[] = [];
  let restored: RestoreResult['restored'] | undefined;
  try {
    const { manifest, staged } = extract(file, paths, folders);
    checkDatabases(manifest, staged);
    // Checked again: the api (or another restore) may have created a store file meanwhile.
    refuseExisting(paths);
    for (const [name, path] of staged) {
      renameSync(path, paths[name]);
      renamed.push(paths[name]);
    }
    for (const folder of folders.destinations()) fsyncFolder(folder);
    restored = manifest.files.map((entry) => ({ ...entry, path: paths[entry.name] }));
    return { file, manifest, restored, milliseconds: Math.round(performance.now() - started) };
  } catch (error) {
    // The tar reader's messages name the file already.
    if (error instanceof TarFormatError)
      throw new CommandFailedError(`${error.message}; nothing was restored`);
    if (error instanceof DamagedBackupError) {
      throw new CommandFailedError(`${file} cannot be restored: ${error.message}; nothing was restored`);
    }
    throw error;
  } finally {
    if (restored === undefined) for (const path of renamed) rmSync(path, { force: true });
    folders.cleanUp({ removeCreated: restored === undefined });
  }
}

function refuseExisting(paths: Readonly<Record<StoreFile, string>>): void {
  const found = STORE_FILES.flatMap((name) => [
    paths[name],
    ...SIDE_FILES.map((side) => paths[name] + side),
  ]).filter((path) => existsSync(path));
  if (found.length > 0) {
    throw new CommandFailedError(
      `Restore writes only where the ledger has no store yet, and found ${found.join(', ')}: ` +
        'give an empty LEDGER_DATA_DIR (and LEDGER_KEY_STORE_FILE); nothing was restored',
    );
  }
}

/** Reads the archive: the manifest first, then each file it lists, staged beside its destination. */
function extract(
  file: string,
  paths: Readonly<Record<StoreFile, string>>,
  folders: Folders,
): { manifest: BackupManifest; staged: Map<StoreFile, string> } {
  let manifest: BackupManifest | undefined;
  const staged = new Map<StoreFile, string>();
  for (const entry of readTar(file)) {
    if (entry.type !== 'file')
      throw new DamagedBackupError(`${entry.name} is not a regular file (${entry.type})`);
    if (manifest === undefined) {
      manifest = readManifest(entry);
      continue;
    }
    const listed = manifest.files.find((f) => f.name === entry.name);
    if (listed === undefined) {
      throw new DamagedBackupError(`it holds ${entry.name}, which its manifest does not list`);
    }
    if (staged.has(listed.name)) throw new DamagedBackupError(`it holds ${entry.name} twice`);
    if (entry.size !== listed.bytes) {
      throw new DamagedBackupError(
        `${entry.name} has ${entry.size} bytes, its manifest says ${listed.bytes}`,
      );
    }
    const path = join(folders.stagingFor(dirname(paths[listed.name])), listed.name);
    const sha256 = writeEntry(entry, path);
    staged.set(listed.name, path);
    if (sha256 !== listed.sha256) {
      throw new DamagedBackupError(
        `${entry.name} is damaged: its SHA-256 is ${sha256}, its manifest says ${listed.sha256}`,
      );
    }
  }
  if (manifest === undefined) throw new DamagedBackupError('the archive is empty');
  const missing = manifest.files.filter(({ name }) => !staged.has(name)).map(({ name }) => name);
  if (missing.length > 0) throw new DamagedBackupError(`the archive lacks ${missing.join(', ')}`);
  return { manifest, staged };
}

function readManifest(entry: TarEntry): BackupManifest {
  if (entry.name !== MANIFEST_NAME || entry.size > MAX_MANIFEST_BYTES) {
    throw new DamagedBackupError(
      `it is not a backup of this ledger (it starts with ${entry.name}, not ${MANIFEST_NAME})`,
    );
  }
  try {
    return parseManifest(Buffer.concat([...entry.chunks()]).toString('utf8'));
  } catch (error) {
    if (error instanceof ManifestError)
      throw new DamagedBackupError(`it is not a backup of this ledger: ${error.message}`);
    throw error;
  }
}

/** Writes the entry's data to a new file, flushed to the disk; returns its SHA-256. */
function writeEntry(entry: TarEntry, path: string): string {
  const fd = openSync(path, 'wx', 0o600);
  try {
    const hash = createHash('sha256');
    for (const chunk of entry.chunks()) {
      hash.update(chunk);
      for (let written = 0; written < chunk.length;) {
        written += writeSync(fd, chunk, written, chunk.length - written);
      }
    }
    fsyncSync(fd);
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** Every staged file passes `PRAGMA integrity_check`; the event log holds what the manifest says. */
function checkDatabases(manifest: BackupManifest, staged: ReadonlyMap<StoreFile, string>): void {
  for (const [name, path] of staged) {
    const problems = integrityProblems(path);
    if (problems.length > 0) {
      throw new DamagedBackupError(
        `${name} fails PRAGMA integrity_check: ${problems.slice(0, 5).join('; ')}`,
      );
    }
  }
  const events = staged.get('events.sqlite');
  const figures = events === undefined ? { events: 0, position: null } : eventLogFigures(events);
  if (figures.events !== manifest.events || figures.position !== manifest.position) {
    throw new DamagedBackupError(
      `events.sqlite holds ${figures.events} events up to position ${figures.position ?? 'none'}, ` +
        `its manifest says ${manifest.events} up to ${manifest.position ?? 'none'}`,
    );
  }
}

/**
 * The destination folders: created when missing (and removed again on failure when still empty),
 * each with a staging folder of its own so that the rename into place never crosses file systems.
 */
class Folders {
  private readonly staging = new Map<string, string>();
  /** Folders this restore created, outermost first. */
  private readonly created: string[] = [];

  stagingFor(folder: string): string {
    const found = this.staging.get(folder);
    if (found !== undefined) return found;
    const first = mkdirSync(folder, { recursive: true });
    if (first !== undefined) {
      // mkdir made `first` and every folder below it down to `folder`.
      const depth = relative(first, folder).split(sep).filter(Boolean).length;
      for (let level = depth, at = folder; level >= 0; level -= 1, at = dirname(at)) this.created.unshift(at);
    }
    const staging = mkdtempSync(join(folder, '.restore-'));
    this.staging.set(folder, staging);
    return staging;
  }

  destinations(): string[] {
    return [...this.staging.keys()];
  }

  cleanUp({ removeCreated }: { removeCreated: boolean }): void {
    for (const staging of this.staging.values()) rmSync(staging, { recursive: true, force: true });
    if (!removeCreated) return;
    for (const folder of [...this.created].reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        // Not empty (something else was put there): left as it is.
      }
    }
  }
}
