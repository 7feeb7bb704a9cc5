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
import {
  type BenchResults,
  type GateCheck,
  markdownSection,
  type ResultRow,
  type TargetCheck,
  textTable,
} from './bench-results.js';
import { checkReadModels, ExpectedReadModels } from './gates/read-model-gates.js';
import { measureCommandPath, readCommands } from './measures/command-path.measures.js';
import { measureBatchedAppend, measureCatchUp, measureReadAll } from './measures/event-store.measures.js';
import { measureHttpCommands, measureQuery, type QueryRun, startApi } from './measures/http.measures.js';
import { measureMachineLimits } from './measures/machine-limits.js';
import type { InFlightRun } from './measures/measure.js';
import { installPeer, type PeerResult, runPeer } from './peer.js';
import { Acknowledgements, checkEventLog } from './store-gates.js';
import { ensureCommands } from './workload/commands-file.js';
import { ensureWorkload, readAppends, type WorkloadHeader } from './workload/workload-file.js';
import { SeededRandom } from '@ledger/workload';

const LEVELS = [1, 8, 64] as const;
const HTTP_CONNECTIONS = 64;
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

interface RebuildRun {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly failed: number;
  readonly results: readonly { name: string; status: string; events: number; ms: number; error?: string }[];
}

function runRebuild(dataDir: string): Promise<RebuildRun> {
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
      resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as RebuildRun);
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
    `  ${header.events} events, ${header.appends} commands, ${header.streams} streams; ${commands.length} bench commands`,
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
  const acks = new Acknowledgements();
  const gates: GateCheck[] = [];
  let batched, readAll, catchUp, commandRuns: InFlightRun[];
  try {
    log(`batched append: ${header.batchEvents} events per append`);
    batched = await measureBatchedAppend(store, workloadFile);
    gates.push(
      checkEventLog(
        config.eventStore.kind === 'sqlite' ? config.eventStore.file : '',
        'Event log after the batched append',
        header.events,
        facts.revisions,
      ),
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
  const eventsFile = join(dataDir, 'events.sqlite');
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

  const storeValid = gates.filter((g) => g.gate.startsWith('Event log')).every((g) => g.ok);
  const readModelsValid = gates
    .filter((g) => g.gate.startsWith('Read model') || g.gate === 'Rebuild')
    .every((g) => g.ok);
  const peerValid = peer?.gates.ok ?? true;
  const rows: ResultRow[] = [];
  for (const runAt of commandRuns) {
    const peerRun = peer?.commandPath.find((p) => p.inFlight === runAt.inFlight);
    rows.push({
      id: `command-path-${runAt.inFlight}`,
      measure: `Command path, ${runAt.inFlight} in flight`,
      unit: 'events/s',
      ours: runAt.throughput.perSecond,
      latency: runAt.latency,
      limit: { label: 'fsync’d commits/s', value: limits.commitPerRow.perSecond },
      ...(peerRun === undefined
        ? {}
        : { peer: { value: peerRun.eventsPerSecond, p50Ms: peerRun.p50Ms, p99Ms: peerRun.p99Ms } }),
      valid: storeValid && runAt.errors === 0 && peerValid,
      note: [
        runAt.errors > 0 ? `${runAt.errors} errors: ${runAt.errorSamples[0] ?? ''}` : '',
        peerRun === undefined ? '' : `peer: ${peerRun.commands} done, ${peerRun.errors} errors`,
      ]
        .filter((part) => part !== '')
        .join('; '),
    });
  }
  rows.push({
    id: 'http-64',
    measure: `Over HTTP, ${HTTP_CONNECTIONS} connections`,
    unit: 'requests/s',
    ours: http.requestsPerSecond,
    latency: { p50Ms: http.latency.p50Ms, p99Ms: http.latency.p99Ms },
    valid: storeValid && http.errors + http.non2xx + http.timeouts === 0,
    note: `${http.ok} created, ${http.errors} errors, ${http.non2xx} non-2xx, ${http.timeouts} timeouts`,
  });
  rows.push({
    id: 'batched-append',
    measure: `Batched append, ${header.batchEvents} events per append`,
    unit: 'events/s',
    ours: batched.all.perSecond,
    limit: { label: 'raw inserts, 10,000 per transaction', value: limits.insert.perSecond },
    ...(peer === undefined ? {} : { peer: { value: peer.batchedAppend.eventsPerSecond } }),
    valid: storeValid && peerValid,
    note: [
      `first 10,000: ${batched.first10k.perSecond.toLocaleString('en-GB')}/s, last 10,000: ${batched.last10k.perSecond.toLocaleString('en-GB')}/s`,
      peer?.workload?.appended?.complete === false
        ? `peer: the first ${peer.workload.appended.events.toLocaleString('en-GB')} events only`
        : '',
    ]
      .filter((part) => part !== '')
      .join('; '),
  });
  rows.push({
    id: 'read-all',
    measure: 'Read the whole log',
    unit: 'events/s',
    ours: readAll.perSecond,
    limit: { label: 'raw read and parse', value: limits.readAndParse.perSecond },
    ...(peer === undefined ? {} : { peer: { value: peer.readAll.eventsPerSecond } }),
    valid: readAll.count === header.events && peerValid,
  });
  rows.push({
    id: 'catch-up',
    measure: 'Catch-up subscription',
    unit: 'events/s',
    ours: catchUp.perSecond,
    limit: { label: 'raw read and parse', value: limits.readAndParse.perSecond },
    ...(peer === undefined ? {} : { peer: { value: peer.catchUp.eventsPerSecond } }),
    valid: catchUp.count === header.events && peerValid,
    ...(peer?.catchUpNoPollDelay === undefined
      ? {}
      : {
          note: `peer without its 50 ms polling pause: ${peer.catchUpNoPollDelay.eventsPerSecond} events/s`,
        }),
  });
  const rebuildRate = Math.round(rebuilt / (rebuild.ms / 1000));
  rows.push({
    id: 'rebuild',
    measure: 'Rebuild every projection from 0',
    unit: 'events/s',
    ours: rebuildRate,
    limit: { label: 'raw read and parse', value: limits.readAndParse.perSecond },
    valid: readModelsValid,
    note: `${rebuilt.toLocaleString('en-GB')} events in ${(rebuild.ms / 1000).toFixed(1)} s, peak RSS ${rebuild.maxRssMb} MB`,
  });
  for (const query of queries)
    rows.push({
      id: `query-${query.query}`,
      measure: `Query: ${query.query}`,
      unit: 'ms',
      ours: query.latency.p50Ms,
      latency: query.latency,
      valid: query.failures === 0 && readModelsValid,
    });

  const command64 = commandRuns.find((r) => r.inFlight === 64);
  const peer64 = peer?.commandPath.find((p) => p.inFlight === 64);
  const history = queries[0];
  const impact = queries[2];
  const targets: TargetCheck[] = [
    {
      id: 'command-64',
      target: 'Command path, 64 in flight, fsync’d: ≥ 10,000 events/s',
      actual: `${command64?.throughput.perSecond ?? 0} events/s`,
      met: (command64?.throughput.perSecond ?? 0) >= 10_000,
    },
    ...(peer64 === undefined
      ? []
      : [
          {
            id: 'command-64-peer',
            target: 'Command path, 64 in flight: ≥ 20× the peer',
            actual: `${((command64?.throughput.perSecond ?? 0) / Math.max(1, peer64.eventsPerSecond)).toFixed(1)}×`,
            met: (command64?.throughput.perSecond ?? 0) >= 20 * peer64.eventsPerSecond,
          },
        ]),
    {
      id: 'http',
      target: 'HTTP, 64 connections: ≥ 3,000 commands/s, p99 ≤ 50 ms, zero errors',
      actual: `${http.requestsPerSecond}/s, p99 ${http.latency.p99Ms} ms, ${http.errors + http.non2xx + http.timeouts} errors`,
      met:
        http.requestsPerSecond >= 3000 &&
        http.latency.p99Ms <= 50 &&
        http.errors + http.non2xx + http.timeouts === 0,
    },
    {
      id: 'batched-limit',
      target: 'Batched append: ≥ 70% of the raw insert limit',
      actual: `${Math.round((100 * batched.all.perSecond) / Math.max(1, limits.insert.perSecond))}%`,
      met: batched.all.perSecond >= 0.7 * limits.insert.perSecond,
    },
    {
      id: 'batched-scale',
      target: 'Batched append: overall rate ≥ half the rate of the first 10,000 events',
      actual: `${batched.all.perSecond} against ${batched.first10k.perSecond} events/s`,
      met: batched.all.perSecond >= 0.5 * batched.first10k.perSecond,
    },
    {
      id: 'rebuild-rate',
      target: 'Rebuild of all projections: ≥ 50,000 events/s',
      actual: `${rebuildRate} events/s`,
      met: rebuildRate >= 50_000,
    },
    {
      id: 'rebuild-rss',
      target: 'Rebuild: peak RSS ≤ 512 MB',
      actual: `${rebuild.maxRssMb} MB`,
      met: rebuild.maxRssMb <= 512,
    },
    {
      id: 'history-p95',
      target: 'Grant history p95 ≤ 5 ms',
      actual: `${history?.latency.p95Ms ?? 0} ms`,
      met: (history?.latency.p95Ms ?? Infinity) <= 5,
    },
    {
      id: 'impact-p95',
      target: 'Impact report p95 ≤ 50 ms',
      actual: `${impact?.latency.p95Ms ?? 0} ms`,
      met: (impact?.latency.p95Ms ?? Infinity) <= 50,
    },
  ];

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
    details: {
      limits,
      batched,
      readAll,
      catchUp,
      commandRuns,
      http: { ...http, sent: http.sent.length },
      rebuild,
      queries,
      peer,
    },
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

async function main(): Promise<void> {
  const options = parseBenchOptions(process.argv.slice(2));
  const results = await run(options);
  mkdirSync(options.resultsDir, { recursive: true });
  const resultsFile = join(options.resultsDir, `bench-${options.label}.json`);
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
