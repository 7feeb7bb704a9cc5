import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '@ledger/testing';

const MAIN = join(process.cwd(), 'dist/apps/projector/src/main.js');

export interface ProjectorStatusBody {
  readonly pid: number;
  readonly runningHere: readonly string[];
  readonly projections: readonly { name: string; upToDate: boolean; position?: string; status: string }[];
}

/** The built projector worker as a real process on a free loopback port, for tests that kill it. */
export interface ProjectorProcess {
  readonly pid: number;
  readonly child: ChildProcess;
  status(): Promise<ProjectorStatusBody>;
  /** GET a path of the worker's own HTTP port. */
  get(path: string): Promise<Response>;
  /** Everything it wrote (its JSON log lines among it). */
  output(): string;
  /** Sends `signal` and resolves with the exit code (null when killed by the signal). */
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startProjectorProcess(env: Record<string, string>): Promise<ProjectorProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, ...env, LEDGER_PROJECTOR_PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const status = async (): Promise<ProjectorStatusBody> => {
    const response = await fetch(`${url}/status`);
    if (!response.ok) throw new Error(`projector status answered ${response.status}`);
    return (await response.json()) as ProjectorStatusBody;
  };
  await waitUntilServing(status, child, () => output);
  return {
    pid: child.pid ?? -1,
    child,
    status,
    get: (path) => fetch(`${url}${path}`),
    output: () => output,
    kill: (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

async function waitUntilServing(
  status: () => Promise<unknown>,
  child: ChildProcess,
  output: () => string,
): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`projector exited with ${child.exitCode}: ${output()}`);
    try {
      await status();
      return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`projector did not start serving: ${output()}`);
}
