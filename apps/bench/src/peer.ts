import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const PEER_DIR = 'bench/peer';

/** What the peer's runner prints (bench/peer/run-peer.mjs): the same measures on the same input. */
export interface PeerResult {
  readonly peer: Readonly<Record<string, string>>;
  readonly batchedAppend: {
    readonly events: number;
    readonly seconds: number;
    readonly eventsPerSecond: number;
  };
  readonly readAll: { readonly events: number; readonly seconds: number; readonly eventsPerSecond: number };
  readonly catchUp: { readonly events: number; readonly seconds: number; readonly eventsPerSecond: number };
  readonly catchUpNoPollDelay?: { readonly eventsPerSecond: number };
  readonly workload?: { readonly appended?: { readonly events: number; readonly complete: boolean } };
  readonly commandPath: readonly {
    readonly inFlight: number;
    readonly commands: number;
    readonly seconds: number;
    readonly eventsPerSecond: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly errors: number;
  }[];
  readonly gates: {
    readonly ok: boolean;
    readonly problems: readonly string[];
    readonly events?: number;
    readonly streams?: number;
    readonly finalRevisionsChecksum?: string;
    readonly expectedChecksum?: string;
  };
  readonly notes?: readonly string[];
}

/**
 * Installs the peer into bench/peer/node_modules from its lockfile when it is not there yet
 * (`npm ci`, which compiles sqlite3 where no prebuilt binary can be fetched): the ledger itself
 * never depends on it.
 */
export function installPeer(log: (line: string) => void): void {
  if (existsSync(join(PEER_DIR, 'node_modules', '@event-driven-io', 'emmett-sqlite'))) return;
  log('installing the peer (npm ci in bench/peer; sqlite3 may compile from source, a few minutes)');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', PEER_DIR], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

export interface PeerRun {
  readonly workload: string;
  readonly commands: string;
  readonly db: string;
  readonly batch: number;
  readonly levels: readonly number[];
  readonly seconds: number;
  /** Only the workload's first lines up to this many events (the peer appends about 100 events/s). */
  readonly maxEvents?: number;
}

/** Runs the peer in its own process on the same files, and reads the JSON of its last line. */
export function runPeer(run: PeerRun, log: (line: string) => void): Promise<PeerResult> {
  const args = [
    join(PEER_DIR, 'run-peer.mjs'),
    ...['--workload', run.workload, '--commands', run.commands, '--db', run.db],
    ...[
      '--batch',
      String(run.batch),
      '--in-flight',
      run.levels.join(','),
      '--command-seconds',
      String(run.seconds),
    ],
    ...(run.maxEvents === undefined ? [] : ['--max-events', String(run.maxEvents)]),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter((l) => l.trim() !== '')) log(`  peer: ${line}`);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0) return reject(new Error(`the peer's runner exited with code ${code}`));
      try {
        resolve(JSON.parse(last) as PeerResult);
      } catch {
        reject(new Error(`the peer's runner printed no JSON result: ${last.slice(0, 200)}`));
      }
    });
  });
}
