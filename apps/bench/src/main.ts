/**
 * `npm run bench [-- --scale 1e4|1e5|1e6]`: the ledger's figures beside the machine's limits and a
 * peer, on one seeded workload written once to a file. Prints a table, writes
 * bench/results/bench-<scale>.json and (from 1e5 events up) this scale's section of
 * docs/benchmarks.md. Exits 1 when a correctness gate fails: a figure is only worth what its gate says.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '@ledger/config';
import { SnapshottingEventStore } from '@ledger/event-store';
import { openEventStore } from '@ledger/stores';
import { type BenchOptions, parseBenchOptions } from './bench-options.js';
import { type BenchResults, type GateCheck, markdownSection, textTable } from './bench-results.js';
import { checkReadModels, ExpectedReadModels } from './gates/read-model-gates.js';
import { measureCommandPath, readCommands } from './measures/command-path.measures.js';
import { measureBatchedAppend, measureCatchUp, measureReadAll } from './measures/event-store.measures.js';
import { measureHttpCommands, measureQuery, type QueryRun, startApi } from './measures/http.measures.js';
import { measureMachineLimits } from './measures/machine-limits.js';
import type { InFlightRun } from './measures/measure.js';
import { installPeer, type PeerResult, runPeer } from './peer.js';
import { Acknowledgements, checkEventLog } from './store-gates.js';
import { HTTP_CONNECTIONS, type Measurements, type RebuildRun, summarise } from './summary.js';
import { ensureCommands } from './workload/commands-file.js';
import { ensureWorkload, readAppends, type WorkloadHeader } from './workload/workload-file.js';
import { SeededRandom } from '@ledger/workload';

const LEVELS = [1, 8, 64] as const;
/** The peer appends about 100 events/s: above this, it gets only the workload's first lines. */
const PEER_MAX_EVENTS = 10_000;

const started = performance.now();
const log = (line: string): void => {
  const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(6);
  process.stderr.write(`[${seconds} s] ${line}\n`);
};

function machine(): Record<string, string> {
  const memory = new Database(':memory:');
  const sqlite = (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  memory.close();
  let disk = 'unknown';
  try {
    disk =
      execFileSync('df', ['--output=fstype,size', '-h', '.'], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .at(-1) ?? disk;
  } catch {
    // not every system has GNU df
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: String(cpus().length),
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB`,
    os: `Linux ${release()}`,
    disk: disk.replace(/\s+/g, ' '),
    node: process.versions.node,
    sqlite,
  };
}

/** What the workload holds, read once: each stream's last revision, ids to query, and the read models it implies. */
interface WorkloadFacts {
  readonly revisions: Map<string, number>;
  readonly grants: string[];
  readonly programmes: string[];
  readonly expected: ExpectedReadModels;
}

async function scanWorkload(file: string): Promise<WorkloadFacts> {
  const facts: WorkloadFacts = {
    revisions: new Map(),
    grants: [],
    programmes: [],
    expected: new ExpectedReadModels(),
  };
  for await (const append of readAppends(file)) {
    for (const write of append.writes) {
      const before = facts.revisions.get(write.stream) ?? -1;
      facts.revisions.set(write.stream, before + write.events.length);
      for (const event of write.events) {
        facts.expected.apply(write.stream, event);
        if (event.type === 'GrantAwarded') facts.grants.push((event.data as { grantId: string }).grantId);
        if (event.type === 'ProgrammeLaunched')
          facts.programmes.push((event.data as { programmeId: string }).programmeId);
      }
    }
  }
  return facts;
}

function runRebuild(dataDir: string): Promise<Omit<RebuildRun, 'events'>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/apps/bench/src/rebuild-child.js'], {
      env: { ...process.env, LEDGER_DATA_DIR: dataDir, LEDGER_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`the rebuild exited with code ${code}`));
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as Omit<RebuildRun, 'events'>);
    });
  });
}

function freshDir(dir: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function run(options: BenchOptions): Promise<BenchResults> {
  const startedAt = new Date().toISOString();
  mkdirSync(options.workDir, { recursive: true });
  const workloadFile = join(options.workDir, `workload-${options.label}-seed${options.seed}.jsonl`);
  const commandsFile = join(options.workDir, `commands-${options.label}-seed${options.seed}.jsonl`);

  log(`workload: ${options.label} events, seed ${options.seed} -> ${workloadFile}`);
  const header: WorkloadHeader = ensureWorkload(workloadFile, options.scale, options.seed);
  await ensureCommands(workloadFile, commandsFile, options.smoke ? 30_000 : 150_000, options.seed);
  const facts = await scanWorkload(workloadFile);
  const commands = readCommands(commandsFile);
  const byId = new Map(commands.map((command) => [command.commandId, command]));
  log(
    `  ${header.events} events of ${header.commands} commands in ${header.appends} appends, ${header.streams} streams; ${commands.length} bench commands`,
  );

  log('machine limits: raw better-sqlite3 on the same rows');
  const limits = await measureMachineLimits(
    workloadFile,
    join(options.workDir, 'limits.sqlite'),
    options.smoke ? 1 : 3,
  );

  const dataDir = freshDir(join(options.workDir, `ledger-${options.label}`));
  const config = loadConfig({ LEDGER_DATA_DIR: dataDir, LEDGER_SEAL_INTERVAL_SECONDS: '0' });
  // As the api opens it: snapshots spare a command re-reading its whole stream.
  const store = new SnapshottingEventStore(openEventStore(config));
  const eventsFile = join(dataDir, 'events.sqlite');
  const acks = new Acknowledgements();
  const gates: GateCheck[] = [];
  let batched, readAll, catchUp, commandRuns: InFlightRun[];
  try {
    log(`batched append: ${header.batchEvents} events per append`);
    batched = await measureBatchedAppend(store, workloadFile);
    gates.push(
      checkEventLog(eventsFile, 'Event log after the batched append', header.events, facts.revisions),
    );
    log('read all');
    readAll = await measureReadAll(store);
    log('catch-up subscription');
    catchUp = await measureCatchUp(store, header.events);
    log(`command path: ${LEVELS.join(', ')} in flight, ${options.commandSeconds} s each`);
    commandRuns = await measureCommandPath(store, commands, LEVELS, options.commandSeconds, acks);
  } finally {
    await store.close();
  }
  gates.push(
    checkEventLog(
      eventsFile,
      'Event log after the command path',
      header.events + acks.total,
      acks.revisionsAfter(facts.revisions),
    ),
  );

  log('rebuild of every projection from position 0 (own process)');
  const rebuild = await runRebuild(dataDir);
  const rebuilt = header.events + acks.total;
  for (const commandId of acks.commandIds) {
    const command = byId.get(commandId);
    if (command !== undefined) facts.expected.apply(command.stream, command);
  }
  log('read-model gates');
  gates.push(
    ...checkReadModels(join(dataDir, 'read.sqlite'), facts.expected).map(
      ({ readModel, ok, expected, actual, problems }) => ({
        gate: `Read model ${readModel} after the rebuild`,
        ok,
        expected: expected.slice(0, 12),
        actual: actual.slice(0, 12),
        problems,
      }),
    ),
  );
  if (rebuild.failed > 0)
    gates.push({
      gate: 'Rebuild',
      ok: false,
      expected: 'every projection Success',
      actual: `${rebuild.failed} failed`,
      problems: rebuild.results
        .filter((r) => r.status !== 'Success')
        .map((r) => `${r.name}: ${r.error ?? r.status}`),
    });

  log('api: queries, then commands over HTTP');
  const api = await startApi(dataDir, join(options.workDir, `api-${options.label}.log`));
  const random = new SeededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => items[random.int(0, items.length - 1)] as T;
  let queries: QueryRun[];
  let http;
  const remaining = commands.slice(acks.total)[Symbol.iterator]();
  try {
    queries = [
      await measureQuery(
        api,
        'Grant history',
        () => `/audit/streams/grant-${pick(facts.grants)}`,
        options.querySamples,
      ),
      await measureQuery(
        api,
        'Grant register page',
        () => `/grants?programmeId=${pick(facts.programmes)}&limit=50&offset=${random.int(0, 4) * 50}`,
        options.querySamples,
      ),
      await measureQuery(
        api,
        'Impact report',
        () => `/programmes/${pick(facts.programmes)}/reports/impact`,
        options.querySamples,
      ),
    ];
    log(`http: ${HTTP_CONNECTIONS} connections for ${options.httpSeconds} s`);
    http = await measureHttpCommands(api, remaining, HTTP_CONNECTIONS, options.httpSeconds, acks);
  } finally {
    await api.stop();
  }
  gates.push(
    checkEventLog(
      eventsFile,
      'Event log after the HTTP run',
      header.events + acks.total,
      acks.revisionsAfter(facts.revisions),
    ),
  );
  for (const query of queries)
    if (query.failures > 0)
      gates.push({
        gate: `Query ${query.query}`,
        ok: false,
        expected: 'every answer 2xx',
        actual: `${query.failures} failed`,
        problems: [query.path],
      });

  let peer: PeerResult | undefined;
  if (options.peer) {
    log('peer: @event-driven-io/emmett-sqlite on the same workload and commands');
    installPeer(log);
    peer = await runPeer(
      {
        workload: workloadFile,
        commands: commandsFile,
        db: join(options.workDir, `peer-${options.label}.sqlite`),
        batch: header.batchEvents,
        levels: LEVELS,
        seconds: options.commandSeconds,
        ...(options.scale > PEER_MAX_EVENTS ? { maxEvents: PEER_MAX_EVENTS } : {}),
      },
      log,
    );
    gates.push({
      gate: 'Peer event log',
      ok: peer.gates.ok,
      expected: (peer.gates.expectedChecksum ?? '').slice(0, 12),
      actual: (peer.gates.finalRevisionsChecksum ?? '').slice(0, 12),
      problems: peer.gates.problems,
    });
  }

  const measurements: Measurements = {
    limits,
    batched,
    readAll,
    catchUp,
    commandRuns,
    http: { ...http, sent: http.sent.length },
    rebuild: { ...rebuild, events: rebuilt },
    queries,
    ...(peer === undefined ? {} : { peer }),
  };
  const { rows, targets } = summarise(measurements, gates, header);

  return {
    scale: options.scale,
    label: options.label,
    seed: options.seed,
    startedAt,
    totalSeconds: (performance.now() - started) / 1000,
    machine: machine(),
    workload: {
      events: header.events,
      commands: header.commands,
      appends: header.appends,
      batchEvents: header.batchEvents,
      streams: header.streams,
      fileMb: Math.round(statSync(workloadFile).size / 2 ** 20),
      finalRevisionsChecksum: header.finalRevisionsChecksum,
    },
    rows,
    targets,
    gates,
    ...(peer === undefined
      ? {}
      : {
          peer: {
            description: Object.entries(peer.peer)
              .map(([k, v]) => `${k} ${v}`)
              .join(', '),
            notes: peer.notes ?? [],
          },
        }),
    details: measurements,
  };
}

const MARK = (label: string, edge: 'start' | 'end') => `<!-- bench:${label}:${edge} -->`;

/** Replaces this scale's section of the document between its markers, or adds it at the end. */
function updateDoc(doc: string, results: BenchResults): void {
  const text = existsSync(doc) ? readFileSync(doc, 'utf8') : '# Benchmarks\n';
  const section = `${MARK(results.label, 'start')}\n\n${markdownSection(results)}\n\n${MARK(results.label, 'end')}`;
  const start = text.indexOf(MARK(results.label, 'start'));
  const end = text.indexOf(MARK(results.label, 'end'));
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + MARK(results.label, 'end').length)}`
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(doc, next);
}

/** A results file as runs wrote it before the rebuild's event count was kept. */
type EarlierResults = Omit<BenchResults, 'details'> & {
  readonly details: Omit<Measurements, 'rebuild'> & {
    readonly rebuild: Omit<RebuildRun, 'events'> & { readonly events?: number };
  };
};

/**
 * The results of an earlier run with their rows and targets derived again from its measurements: the
 * table's presentation can change without measuring again. Runs written before a measurement was
 * kept get it from what was (the events a rebuild read: the workload and the command path's).
 */
function fromResults(file: string): BenchResults {
  if (!existsSync(file))
    throw new Error(`--from-results: there is no ${file}; run the bench at this scale first`);
  const earlier = JSON.parse(readFileSync(file, 'utf8')) as EarlierResults;
  const details = earlier.details;
  const events = Number(earlier.workload['events']);
  const commandPathEvents = details.commandRuns.reduce((sum, run) => sum + run.throughput.count, 0);
  const measurements: Measurements = {
    ...details,
    rebuild: { ...details.rebuild, events: details.rebuild.events ?? events + commandPathEvents },
  };
  const batchEvents = Number(earlier.workload['batchEvents'] ?? 100);
  return {
    ...earlier,
    ...summarise(measurements, earlier.gates, { events, batchEvents }),
    details: measurements,
  };
}

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const resultsFile = join(options.resultsDir, `bench-${options.label}.json`);
  const results = options.fromResults ? fromResults(resultsFile) : await run(options);
  mkdirSync(options.resultsDir, { recursive: true });
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  if (!options.smoke) updateDoc(options.doc, results);
  process.stdout.write(
    `\n${textTable(results)}\n\nTargets${options.smoke ? ' (a smoke run: printed, never gating)' : ''}:\n`,
  );
  for (const t of results.targets)
    process.stdout.write(`  ${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: ${t.actual}\n`);
  process.stdout.write('\nCorrectness gates:\n');
  for (const g of results.gates)
    process.stdout.write(
      `  ${g.ok ? 'ok  ' : 'FAIL'}  ${g.gate}: ${g.actual}${g.ok ? '' : ` (expected ${g.expected}; ${g.problems.slice(0, 3).join('; ')})`}\n`,
    );
  process.stdout.write(
    `\nWrote ${resultsFile}${options.smoke ? '' : ` and the ${options.label} section of ${options.doc}`}.\n`,
  );
  const failed = results.gates.filter((g) => !g.ok);
  if (failed.length > 0) {
    process.stdout.write(`${failed.length} correctness gate(s) failed: the figures above do not count.\n`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
