import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from './free-port.js';

const MAIN = join(process.cwd(), 'dist/apps/api/src/main.js');

/** How a process ended: an exit code, or the signal that killed it. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** What a caller may add to how the api is started; every field is optional. */
export interface ApiProcessOptions {
  /** More environment (e.g. `LEDGER_LOG_LEVEL`), over this process's own; the data folder, port and host stay the caller's. */
  readonly env?: Readonly<Record<string, string>>;
  /** The loopback port to listen on, e.g. the one a killed api had, so clients find it again; a free one otherwise. */
  readonly port?: number;
  /** How long to wait for the api to answer 200 on `readyPath`; 20 s by default. */
  readonly readyTimeoutMs?: number;
  /** What to wait for: `/health` (the event store answers, the default) or `/health/ready` (both stores). */
  readonly readyPath?: '/health' | '/health/ready';
  /**
   * Append stdout and stderr to this file instead of holding them in memory (a long run's request
   * lines); `stdout()` and `stderr()` then answer ''.
   */
  readonly logFile?: string;
}

/** The built api as a real process on a loopback port, for tests (and the soak) that kill it. */
export interface ApiProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Settles when the process has ended. */
  readonly exit: Promise<ProcessExit>;
  /** Everything it wrote to stdout so far (its JSON log lines), unless they go to a `logFile`. */
  stdout(): string;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startApiProcess(dataDir: string, options: ApiProcessOptions = {}): Promise<ApiProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      ...options.env,
      LEDGER_DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
    },
    stdio: options.logFile
      ? ['ignore', openSync(options.logFile, 'a'), openSync(options.logFile, 'a')]
      : ['ignore', 'pipe', 'pipe'],
  });
  const exit = new Promise<ProcessExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let stdout = '';
  let stderr = '';
  // Read even when nobody asks: a full pipe would block the api's writes.
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const ready = `${url}${options.readyPath ?? '/health'}`;
  await waitForHealth(ready, child, () => stderr, options.readyTimeoutMs ?? 20_000);
  return {
    url,
    port,
    child,
    exit,
    stdout: () => stdout,
    stderr: () => stderr,
    kill: (signal = 'SIGKILL') =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}

async function waitForHealth(
  readyUrl: string,
  child: ChildProcess,
  stderr: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`api exited with ${child.exitCode}: ${stderr()}`);
    try {
      if ((await fetch(readyUrl)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`api did not become healthy within ${timeoutMs} ms: ${stderr()}`);
}
