import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { freePort } from '@ledger/testing';

export const API_MAIN = join(process.cwd(), 'dist/apps/api/src/main.js');
export const CLI_MAIN = join(process.cwd(), 'dist/apps/cli/src/main.js');

/**
 * Root ignores file permissions, so a test running as root runs the ledger as nobody (65534) for a
 * read-only folder to be one. Nobody can still read dist/ and node_modules: a clone is world-readable.
 */
export const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

export interface RunOptions {
  readonly dataDir: string;
  /**
   * RLIMIT_FSIZE in 512-byte blocks (`ulimit -f`): a write past it fails with EFBIG, as a full disk
   * fails one with ENOSPC. Node ignores SIGXFSZ itself, so the write fails rather than the process
   * dying of the signal; SQLite reports it as SQLITE_IOERR_WRITE (or _SHMSIZE, _SHMOPEN).
   */
  readonly fileSizeLimitBlocks?: number;
  /** As root, run as nobody so that permissions apply; as anyone else, as that user. */
  readonly unprivileged?: boolean;
  readonly timeoutMs?: number;
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Runs a built entry point (the api or the CLI) until it exits, for the runs expected to end on
 * their own: a refused start, a CLI command. A healthy api is started with startApiProcess instead.
 */
export async function runToExit(
  script: string,
  args: readonly string[],
  options: RunOptions,
): Promise<Finished> {
  const { fileSizeLimitBlocks, timeoutMs = 20_000 } = options;
  const command = fileSizeLimitBlocks === undefined ? process.execPath : '/bin/sh';
  const argv =
    fileSizeLimitBlocks === undefined
      ? [script, ...args]
      : ['-c', `ulimit -f ${fileSizeLimitBlocks} && exec "$0" "$@"`, process.execPath, script, ...args];
  const started = Date.now();
  const child = spawn(command, argv, {
    // A clean environment, so that the machine's variables cannot leak in; a free port in case the api starts after all.
    env: {
      PATH: process.env['PATH'] ?? '',
      LEDGER_DATA_DIR: options.dataDir,
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.unprivileged === true ? UNPRIVILEGED : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** Sets the soft RLIMIT_FSIZE of a running process (`prlimit`, util-linux): a number of bytes or unlimited. */
export function setFileSizeLimit(pid: number | undefined, bytes: number | 'unlimited'): void {
  if (pid === undefined) throw new Error('the process has no pid');
  const result = spawnSync('prlimit', ['--pid', String(pid), `--fsize=${bytes}:`], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) {
    throw new Error(
      `prlimit failed (${result.error?.message ?? result.stderr}): util-linux's prlimit is needed`,
    );
  }
}

/** Every file of the folder with the SHA-256 of its bytes: equal before and after means untouched. */
export function fingerprint(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir).map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(join(dir, name)))
        .digest('hex'),
    ]),
  );
}

/** The largest file of the folder, WAL and index files included, in bytes. */
export function largestFileBytes(dir: string): number {
  return Math.max(...readdirSync(dir).map((name) => statSync(join(dir, name)).size));
}

/** `PRAGMA integrity_check` of every SQLite file of the folder, opened read-only: `ok` each when intact. */
export function integrity(dir: string): Record<string, string> {
  const files = readdirSync(dir).filter((name) => name.endsWith('.sqlite'));
  return Object.fromEntries(
    files.map((name) => {
      const db = new Database(join(dir, name), { readonly: true, fileMustExist: true });
      try {
        return [name, String(db.pragma('integrity_check', { simple: true }))];
      } finally {
        db.close();
      }
    }),
  );
}

/** How many events the folder's log holds, read without writing. */
export function eventCount(dir: string): number {
  const db = new Database(join(dir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()?.n ?? 0;
  } finally {
    db.close();
  }
}

/** The folder and its files made read-only (r-x and r--), as an operator's `chmod -R a-w` would. */
export function makeReadOnly(dir: string): void {
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o444);
  chmodSync(dir, 0o555);
}

export function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const name of readdirSync(dir)) chmodSync(join(dir, name), 0o644);
}

/** The non-empty lines a process wrote to stderr. */
export function linesOf(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}
