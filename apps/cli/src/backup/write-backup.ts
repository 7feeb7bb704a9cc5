import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdtempSync,
  openSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CommandFailedError } from '../cli-exit.js';
import {
  BACKUP_FORMAT,
  type BackupManifest,
  MANIFEST_NAME,
  type ManifestFile,
  STORE_FILES,
  type StoreFile,
} from './backup-manifest.js';
import { copyDatabase, eventLogFigures, fileDigest, integrityProblems, messageOf } from './sqlite-copy.js';
import { TarWriter } from './tar.js';

export interface BackupResult {
  /** The archive written (absolute). */
  readonly file: string;
  readonly manifest: BackupManifest;
  /** The archive's size. */
  readonly bytes: number;
  readonly milliseconds: number;
}

/**
 * Writes a backup of the embedded store to `target`, a new file: each of the store's files present
 * is copied with SQLite's online backup (in the order of STORE_FILES) into a folder beside the
 * target, checked with `PRAGMA integrity_check`, then the copies and a manifest are archived (ustar)
 * into `<target>.partial`, which is fsynced and renamed to `target`. A backup stopped at any point
 * leaves at most a `.partial` file and a `.<name>.copies-*` folder, never a file under the target's
 * name; a failed one removes both.
 *
 * @throws CommandFailedError when the target exists, its folder does not, there is nothing to back
 * up, or a copy fails its check.
 */
export async function writeBackup(
  paths: Readonly<Record<StoreFile, string>>,
  target: string,
): Promise<BackupResult> {
  const started = performance.now();
  const createdAt = new Date();
  const file = resolve(target);
  const folder = dirname(file);
  if (existsSync(file)) throw new CommandFailedError(`${file} exists: a backup never overwrites a file`);
  if (!existsSync(folder)) throw new CommandFailedError(`The folder ${folder} does not exist`);
  const present = STORE_FILES.filter((name) => existsSync(paths[name]));
  if (present.length === 0) {
    throw new CommandFailedError(
      `There is nothing to back up: none of ${STORE_FILES.map((name) => paths[name]).join(', ')} exists`,
    );
  }
  const partial = `${file}.partial`;
  const tar = createArchive(partial);
  const copies = mkdtempSync(join(folder, `.${basename(file)}.copies-`));
  let written = false;
  try {
    for (const name of present) await copyStore(paths[name], join(copies, name));
    const files = present.map((name) => checkedCopy(name, join(copies, name), paths[name]));
    const figures = present.includes('events.sqlite')
      ? eventLogFigures(join(copies, 'events.sqlite'))
      : { events: 0, position: null };
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      createdAt: createdAt.toISOString(),
      files,
      ...figures,
    };
    const entry = { mtime: createdAt };
    tar.addBuffer(MANIFEST_NAME, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), entry);
    for (const { name, sha256 } of files) {
      if (tar.addFile(name, join(copies, name), entry).sha256 !== sha256) {
        throw new CommandFailedError(`The copy of ${name} changed while it was archived`);
      }
    }
    tar.finish();
    // Checked again: a file may have appeared under the name since (rename would replace it).
    if (existsSync(file)) throw new CommandFailedError(`${file} exists: a backup never overwrites a file`);
    renameSync(partial, file);
    fsyncFolder(folder);
    written = true;
    return {
      file,
      manifest,
      bytes: statSync(file).size,
      milliseconds: Math.round(performance.now() - started),
    };
  } finally {
    tar.close();
    rmSync(copies, { recursive: true, force: true });
    if (!written) rmSync(partial, { force: true });
  }
}

function createArchive(partial: string): TarWriter {
  try {
    return TarWriter.create(partial);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') {
      throw new CommandFailedError(
        `${partial} exists: another backup is writing it, or one was stopped before it finished (then remove it)`,
      );
    }
    throw new CommandFailedError(`Cannot create ${partial}: ${messageOf(error)}`);
  }
}

async function copyStore(source: string, copy: string): Promise<void> {
  try {
    await copyDatabase(source, copy);
  } catch (error) {
    throw new CommandFailedError(`Cannot copy ${source}: ${messageOf(error)}`);
  }
}

/** The copy's size and digest, once it passed `PRAGMA integrity_check`. */
function checkedCopy(name: StoreFile, copy: string, source: string): ManifestFile {
  const problems = integrityProblems(copy);
  if (problems.length > 0) {
    throw new CommandFailedError(
      [
        `The copy of ${source} fails PRAGMA integrity_check:`,
        ...problems.slice(0, 10).map((p) => `  - ${p}`),
      ].join('\n'),
    );
  }
  return { name, ...fileDigest(copy) };
}

/** A rename is durable once the folder holding it is flushed. */
export function fsyncFolder(folder: string): void {
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
