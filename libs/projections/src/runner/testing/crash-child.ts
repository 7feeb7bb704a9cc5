/**
 * Runs the compiled projector (project-child.js) as a child process for the crash harness: reads the
 * progress it prints and ends it with a signal once it has gone far enough.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface Progress {
  readonly positions: readonly number[];
  readonly upToDate: boolean;
  /** The names of failed projections, comma-separated; empty when none failed. */
  readonly failed: string;
}

/**
 * A file of this folder as `npm run build` emits it, found from the sources (as jest runs them). A
 * child process cannot load TypeScript on Node 20, so the child and what it loads come from the build.
 */
export function compiledTestingFile(file: string): string {
  const dist = '../../../../../dist/libs/projections/src/runner/testing/';
  return fileURLToPath(new URL(`${dist}${file}`, import.meta.url));
}

export const CHILD = compiledTestingFile('project-child.js');
const KILL_JITTER_MS = 200;
const CHILD_TIMEOUT_MS = 120_000;

/** "progress a=1 b=2 upToDate=false failed=" as printed by project-child. */
function parseProgress(line: string): Progress {
  const fields = line.split(' ').slice(1);
  const value = (key: string): string =>
    fields.find((f) => f.startsWith(`${key}=`))?.slice(key.length + 1) ?? '';
  const positions = fields
    .filter((f) => !f.startsWith('upToDate=') && !f.startsWith('failed='))
    .map((f) => Number(f.split('=')[1]));
  return { positions, upToDate: value('upToDate') === 'true', failed: value('failed') };
}

/** Calls `listener` with the last complete progress line of each chunk the child prints. */
function onProgress(child: ChildProcessWithoutNullStreams, listener: (progress: Progress) => void): void {
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    // The last piece is an unfinished line (or empty): kept for the next chunk.
    pending = lines.pop() ?? '';
    const line = lines.filter((l) => l.startsWith('progress ')).at(-1);
    if (line !== undefined) listener(parseProgress(line));
  });
}

/**
 * Runs `node project-child.js <events> <read> <module>` until `enough` holds for its progress, then
 * sends `signal` (a SIGKILL after a random few milliseconds, so it lands anywhere in a batch) and
 * waits for the child's end. Rejects when a projection failed in the child or it ended unasked.
 */
export function runChild(
  args: readonly [eventsFile: string, readFile: string, projectionsModule: string],
  enough: (progress: Progress) => boolean,
  signal: 'SIGKILL' | 'SIGTERM',
): Promise<void> {
  const child = spawn(process.execPath, [CHILD, ...args]);
  let stderr = '';
  let failed = '';
  let signalled = false;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  onProgress(child, (progress) => {
    if (signalled || !(progress.failed !== '' || enough(progress))) return;
    signalled = true;
    failed = progress.failed;
    // Deliberately not seeded: each run kills at a different point of a batch.
    const delay = failed === '' && signal === 'SIGKILL' ? Math.random() * KILL_JITTER_MS : 0;
    setTimeout(() => child.kill(failed === '' ? signal : 'SIGKILL'), delay);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), CHILD_TIMEOUT_MS);
    child.on('close', (code, ended) => {
      clearTimeout(timer);
      // SIGTERM is handled by the child: a graceful stop ends with code 0 rather than the signal.
      const asAsked = signalled && (ended === signal || (signal === 'SIGTERM' && code === 0));
      if (failed !== '') reject(new Error(`projection ${failed} failed in the child:\n${stderr}`));
      else if (!asAsked)
        reject(new Error(`the child ended (${ended ?? `code ${code}`}) unasked:\n${stderr}`));
      else resolve();
    });
  });
}
