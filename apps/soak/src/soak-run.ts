import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteTokenStore } from '@ledger/auth';
import { loadConfig } from '@ledger/config';
import type { ProjectionStatus } from '@ledger/projections';
import { SeededRandom } from '@ledger/workload';
import { ApiSupervisor, type Restart, round } from './api-supervisor.js';
import {
  checkAcknowledged,
  checkBudgets,
  checkGapFree,
  checkIntegrity,
  checkNothingElse,
  checkReadModels,
  describeIntegrity,
  type Invariant,
  integrityOf,
  invariant,
  readEventLog,
} from './soak-checks.js';
import { getJson, SoakHttp } from './soak-http.js';
import { killMoments, type SoakOptions } from './soak-options.js';
import { Examples, type IntentFigures, SoakTally } from './soak-tally.js';
import { type SoakCommand, SoakWorld } from './soak-workload.js';

/** How the api runs under the soak: warnings and errors only on stdout; no seal of its own. */
const API_ENV = { LEDGER_LOG_LEVEL: 'warn', LEDGER_SEAL_INTERVAL_SECONDS: '0' };
/** The share of 2xx answers retried at once with the same key and body. */
const REPLAY_RATE = 0.08;
const SETUP = { programmes: 3, innovatorsEach: 6, partners: 12 };
const CATCH_UP_TIMEOUT_MS = 300_000;
const PROGRESS_EVERY_MS = 10_000;
/** The least time the api runs under load between a restart and the next kill. */
const MIN_UP_MS = 2_000;

export interface Latency {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** What a soak did and found: the summary's figures, and each invariant. */
export interface SoakReport {
  readonly options: Pick<SoakOptions, 'seconds' | 'clients' | 'kills' | 'seed'>;
  readonly load: {
    readonly seconds: number;
    readonly commands: number;
    readonly commandsPerSecond: number;
    /** HTTP requests: every attempt, the resends after kills and the retries included. */
    readonly requests: number;
    readonly requestsPerSecond: number;
    /** Of the answered requests (commands and retries), in milliseconds. */
    readonly latencyMs: Latency;
    /** Of each kind of command (conflicting ones included). */
    readonly latencyByKindMs: Record<string, Latency>;
    readonly statuses: Record<string, number>;
    readonly codes: Record<string, number>;
    readonly intents: Record<string, IntentFigures>;
    readonly kinds: Record<string, IntentFigures>;
    readonly acknowledged: { readonly commands: number; readonly events: number };
    readonly setup: { readonly commands: number; readonly events: number };
    /** Valid commands refused because a racing one got there first, by kind. */
    readonly races: Record<string, number>;
    /** Valid awards refused GRANT.BUDGET_EXCEEDED: racing awards had spent the budget first. */
    readonly budgetRaces: number;
    readonly replays: { readonly sent: number; readonly identical: number; readonly mismatched: number };
    readonly cutOff: {
      readonly commands: number;
      readonly attempts: number;
      readonly foundRecorded: number;
      readonly decidedAfterRestart: number;
    };
    readonly world: Record<string, number>;
  };
  readonly faults: {
    readonly kills: number;
    readonly restarts: readonly Restart[];
    readonly unexpectedExits: number;
    readonly shutdown: { readonly code: number | null; readonly signal: string | null };
    readonly catchUpMs: number;
  };
  readonly log: { readonly events: number; readonly streams: number };
  readonly invariants: readonly Invariant[];
  readonly ok: boolean;
  /** Where the data folder is, when it was kept (--keep, or an invariant failed). */
  readonly keptData?: string;
}

export type Log = (line: string) => void;

/** Nearest-rank percentiles. */
export function latencyOf(samples: readonly number[]): Latency {
  const sorted = Float64Array.from(samples).sort();
  const at = (p: number) =>
    sorted.length === 0
      ? 0
      : round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0, 1);
  return { p50: at(50), p95: at(95), p99: at(99), max: round(sorted.at(-1) ?? 0, 1) };
}

/**
 * The soak: the built api on a fresh data folder; a programme set up over HTTP; `clients` clients
 * sending a seeded mix of valid and conflicting commands for `seconds`, with retries of the same key;
 * the api SIGKILLed `kills` times at seeded moments and restarted on the same folder, the clients
 * resending what a kill cut off until they get an answer. Then, the api caught up and stopped with
 * SIGTERM, the invariants are checked on the files. Never throws for a broken invariant: the report
 * says which; throws when the soak itself cannot run (the api does not start, a set-up command fails).
 */
export async function runSoak(options: SoakOptions, log: Log = () => undefined): Promise<SoakReport> {
  const root = mkdtempSync(join(tmpdir(), 'ledger-soak-'));
  const dataDir = join(root, 'data');
  const scratchDir = join(root, 'rebuilt');
  mkdirSync(dataDir);
  mkdirSync(scratchDir);
  let keep = options.keep;
  try {
    const report = await soak(options, dataDir, scratchDir, log);
    keep ||= !report.ok;
    return keep ? { ...report, keptData: root } : report;
  } catch (error) {
    keep = true;
    throw new Error(`the soak could not run (data kept in ${root})`, { cause: error });
  } finally {
    if (!keep) rmSync(root, { recursive: true, force: true });
  }
}

async function soak(
  options: SoakOptions,
  dataDir: string,
  scratchDir: string,
  log: Log,
): Promise<SoakReport> {
  const config = loadConfig({ LEDGER_DATA_DIR: dataDir });
  const tokens = new SqliteTokenStore(config.authFile);
  const { token } = tokens.create({ name: 'soak', role: 'programme-manager' });
  tokens.close();

  let loadStarted = performance.now();
  log(`api: starting the built api on ${dataDir}`);
  const api = await ApiSupervisor.start(
    dataDir,
    API_ENV,
    () => describeIntegrity(integrityOf(dataDir)),
    () => loadStarted,
  );
  const http = new SoakHttp(api, token, options.clients + 8);
  const world = new SoakWorld();
  const tally = new SoakTally();
  const runClient = async (client: number, deadline: number): Promise<void> => {
    const random = new SeededRandom((options.seed * 1_000_003 + client * 7919 + 1) >>> 0);
    for (let sequence = 1; performance.now() < deadline; sequence += 1) {
      const command: SoakCommand = world.next(random, client, sequence);
      const outcome = tally.record(command, await http.send(command.request));
      if (outcome !== undefined && random.chance(REPLAY_RATE))
        tally.recordReplay(command, outcome, await http.send(command.request));
    }
  };

  const runKills = async (moments: readonly number[]): Promise<void> => {
    for (const at of moments) {
      // A restarted api takes load for a while before the next kill, however long it took to start.
      const upAgain =
        (api.restarts.at(-1)?.atSeconds ?? -Infinity) * 1000 + (api.restarts.at(-1)?.downMs ?? 0);
      const wait = loadStarted + Math.max(at * 1000, upAgain + MIN_UP_MS) - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const restart = await api.killAndRestart();
      log(
        `  SIGKILL at ${restart.atSeconds} s; files after the kill: ${restart.afterKill}; up again in ${restart.downMs} ms`,
      );
    }
  };

  let shutdown: Awaited<ReturnType<ApiSupervisor['stop']>> | undefined;
  let catchUpMs = -1;
  let seconds = 0;
  try {
    for (const batch of world.setUp(SETUP.programmes, SETUP.innovatorsEach, SETUP.partners)) {
      await Promise.all(
        batch.map(async (command) => {
          const answer = await http.send(command.request);
          if (tally.record(command, answer, true) === undefined)
            throw new Error(`set-up ${command.request.path} answered ${answer.status}: ${answer.body}`);
        }),
      );
    }
    log(`set-up: ${tally.acknowledged.size} commands (${JSON.stringify(world.counts)})`);

    const kills = killMoments(options);
    log(
      `load: ${options.clients} clients for ${options.seconds} s` +
        (kills.length > 0 ? `, SIGKILL at ${kills.map((s) => `${s.toFixed(1)} s`).join(', ')}` : ''),
    );
    loadStarted = performance.now();
    const deadline = loadStarted + options.seconds * 1000;
    const progress = setInterval(() => {
      const at = (performance.now() - loadStarted) / 1000;
      log(
        `  ${at.toFixed(0)} s: ${tally.commands} commands, ${Math.round(tally.commands / at)}/s, ${api.restarts.length} restarts`,
      );
    }, PROGRESS_EVERY_MS);
    try {
      await Promise.all([
        ...Array.from({ length: options.clients }, (_, client) => runClient(client, deadline)),
        runKills(kills),
      ]);
    } finally {
      clearInterval(progress);
    }
    seconds = (performance.now() - loadStarted) / 1000;
    log(`load over: ${tally.commands} commands in ${seconds.toFixed(1)} s; waiting for the projections`);
    catchUpMs = await waitForProjections(api.url, token);
    shutdown = await api.stop();
    log(
      `api stopped (SIGTERM): exit ${String(shutdown.exit.code)}${shutdown.exit.signal ? ` ${shutdown.exit.signal}` : ''}`,
    );
  } finally {
    http.close();
    if (shutdown === undefined) await api.stop().catch(() => undefined);
  }

  log('checks: the files, read raw');
  const invariants: Invariant[] = [];
  invariants.push(
    checkIntegrity(
      dataDir,
      api.restarts.map((restart) => restart.afterKill),
    ),
  );
  const eventLog = readEventLog(join(dataDir, 'events.sqlite'));
  invariants.push(
    checkAcknowledged(eventLog, tally.acknowledged.values()),
    checkNothingElse(eventLog, tally.acknowledged, tally.refusedKeys),
    checkGapFree(eventLog),
  );
  log('checks: every projection rebuilt from scratch, compared with the api’s');
  const head = eventLog.rows.at(-1)?.position ?? 0;
  invariants.push(await checkReadModels(dataDir, scratchDir, head));
  invariants.push(
    checkBudgets(join(dataDir, 'events.sqlite')),
    checkAnswers(tally),
    checkProcess(api, shutdown, options.kills, catchUpMs),
  );
  const order = [
    'acknowledged',
    'nothing-else',
    'gap-free',
    'read-models',
    'integrity',
    'answers',
    'budgets',
    'process',
  ];
  invariants.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));

  return {
    options: { seconds: options.seconds, clients: options.clients, kills: options.kills, seed: options.seed },
    load: {
      seconds: round(seconds, 1),
      commands: tally.commands,
      commandsPerSecond: round(tally.commands / seconds, 1),
      requests: tally.requests,
      requestsPerSecond: round(tally.requests / seconds, 1),
      latencyMs: latencyOf(tally.latencies),
      latencyByKindMs: Object.fromEntries(
        [...tally.latenciesByKind]
          .filter(([, samples]) => samples.length > 0)
          .map(([kind, samples]) => [kind, latencyOf(samples)]),
      ),
      statuses: Object.fromEntries(
        [...tally.statuses].sort(([a], [b]) => a - b).map(([s, n]) => [String(s), n]),
      ),
      codes: Object.fromEntries([...tally.codes].sort(([, a], [, b]) => b - a)),
      intents: Object.fromEntries(tally.intents),
      kinds: Object.fromEntries(tally.kinds),
      acknowledged: { commands: countAcks(tally, false), events: tally.events(false) },
      setup: { commands: countAcks(tally, true), events: tally.events(true) },
      races: Object.fromEntries(tally.races),
      budgetRaces: tally.budgetRaces,
      replays: {
        sent: tally.replays.sent,
        identical: tally.replays.identical,
        mismatched: tally.replays.mismatched.count,
      },
      cutOff: { ...tally.cutOff },
      world: world.counts,
    },
    faults: {
      kills: options.kills,
      restarts: api.restarts,
      unexpectedExits: api.unexpectedExits.length,
      shutdown: { code: shutdown?.exit.code ?? null, signal: shutdown?.exit.signal ?? null },
      catchUpMs,
    },
    log: { events: eventLog.rows.length, streams: eventLog.streams.size },
    invariants,
    ok: invariants.every((i) => i.ok),
  };
}

function countAcks(tally: SoakTally, setup: boolean): number {
  let count = 0;
  for (const ack of tally.acknowledged.values()) if (ack.setup === setup) count += 1;
  return count;
}

/** Polls the api until every projection is at the head; resolves to how long that took (ms). */
async function waitForProjections(url: string, token: string): Promise<number> {
  const started = performance.now();
  for (;;) {
    const { projections } = await getJson<{ projections: ProjectionStatus[] }>(`${url}/projections`, token);
    if (projections.every((p) => p.upToDate) || projections.some((p) => p.status === 'failed'))
      return Math.round(performance.now() - started);
    if (performance.now() - started > CATCH_UP_TIMEOUT_MS) return Math.round(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Every answer is one the command could rightly get; every retry with the same key answered the first result. */
function checkAnswers(tally: SoakTally): Invariant {
  const problems = new Examples().merge(tally.unexpected).merge(tally.replays.mismatched);
  const valid = tally.intents.get('valid');
  const conflicts = tally.conflictsRefused();
  const refused = Object.values(conflicts).reduce((sum, n) => sum + n, 0);
  return invariant(
    'answers',
    'Every conflicting command was refused with its status, valid ones only lost races, no 5xx; every retry with the same key answered the first result',
    `${tally.commands} commands: ${valid?.acknowledged ?? 0} valid recorded, ${valid?.refusedAsExpected ?? 0} lost a race ` +
      `(${tally.budgetRaces} over budget), ${refused} conflicting refused as they must be; ${tally.serverErrors.count} 5xx; ` +
      `${tally.replays.identical}/${tally.replays.sent} retries answered the first result`,
    problems,
  );
}

/** The api died only when killed, came back each time, and stopped cleanly on SIGTERM. */
function checkProcess(
  api: ApiSupervisor,
  shutdown: { exit: { code: number | null; signal: string | null }; stderr: string } | undefined,
  kills: number,
  catchUpMs: number,
): Invariant {
  const problems = new Examples();
  for (const { exit, stderr } of api.unexpectedExits)
    problems.add(
      `the api exited by itself (code ${String(exit.code)}, signal ${String(exit.signal)}): ${stderr.slice(-500)}`,
    );
  if (api.restarts.length !== kills) problems.add(`${api.restarts.length} restarts for ${kills} kills`);
  if (shutdown?.exit.code !== 0)
    problems.add(
      `SIGTERM: exit ${String(shutdown?.exit.code)} ${String(shutdown?.exit.signal)} ${shutdown?.stderr.slice(-500) ?? ''}`,
    );
  if (catchUpMs > CATCH_UP_TIMEOUT_MS)
    problems.add(`the projections did not catch up within ${CATCH_UP_TIMEOUT_MS / 1000} s`);
  const downs = api.restarts.map((r) => r.downMs);
  return invariant(
    'process',
    'The api exited only when killed, came back on the same folder after each SIGKILL, and stopped cleanly on SIGTERM',
    `${api.restarts.length} SIGKILLs${downs.length > 0 ? `, back in ${Math.min(...downs)}–${Math.max(...downs)} ms` : ''}; ` +
      `SIGTERM exit ${String(shutdown?.exit.code)}; projections caught up ${catchUpMs} ms after the load`,
    problems,
  );
}
