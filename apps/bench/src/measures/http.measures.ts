import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';
import { idempotencyKeyOf } from '@ledger/ledger-application';
import { startApiProcess } from '@ledger/processes';
import type { BenchCommand } from '../workload/commands-file.js';
import { type Latency, latencyOf, round } from './measure.js';
import type { Acknowledgements } from '../store-gates.js';

const CLI_MAIN = 'dist/apps/cli/src/main.js';

export interface RunningApi {
  readonly url: string;
  readonly token: string;
  stop(): Promise<void>;
}

/**
 * The ledger's API as a user runs it (`node dist/apps/api/src/main.js`, projections inline), on the
 * bench's data folder and a free loopback port, with a programme manager's token made by the CLI.
 */
export async function startApi(dataDir: string, logFile: string): Promise<RunningApi> {
  const env = { LEDGER_SEAL_INTERVAL_SECONDS: '0' };
  const token = execFileSync(
    process.execPath,
    [CLI_MAIN, 'token', 'create', '--name', `bench-${Date.now()}`, '--role', 'programme-manager'],
    {
      env: { ...process.env, ...env, LEDGER_DATA_DIR: dataDir },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  ).trim();
  const api = await startApiProcess(dataDir, {
    env,
    logFile,
    readyPath: '/health/ready',
    readyTimeoutMs: 120_000,
  });
  return { url: api.url, token, stop: () => api.kill('SIGTERM') };
}

export interface HttpRun {
  readonly connections: number;
  readonly seconds: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  readonly latency: { readonly p50Ms: number; readonly p99Ms: number };
  readonly ok: number;
  /** Requests cut off by the end of the run, sent again after it (not counted in the rate). */
  readonly resent: number;
  /** The commands the requests carried, for the gates (each 201 is also in the acknowledgements). */
  readonly sent: readonly BenchCommand[];
  readonly errors: number;
  readonly non2xx: number;
  readonly timeouts: number;
}

/** The body the API takes for an income report (ReportIncomeRequest). */
function incomeRequest(command: BenchCommand): string {
  const { incomeId, amount, periodStart, periodEnd, source, attributableToProgramme } = command.data;
  return JSON.stringify({
    incomeId,
    amountPence: amount,
    periodStart,
    periodEnd,
    source,
    attributableToProgramme,
  });
}

/**
 * The same single-event commands as POST /innovators/:id/income with `connections` connections
 * (autocannon), each request with its own Idempotency-Key; every 201's stream and revision is kept
 * for the gates.
 */
export async function measureHttpCommands(
  api: RunningApi,
  commands: Iterator<BenchCommand>,
  connections: number,
  seconds: number,
  acknowledged: Acknowledgements,
): Promise<HttpRun> {
  let ok = 0;
  const sent: BenchCommand[] = [];
  const result = await autocannon({
    url: api.url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          const next = commands.next();
          if (next.done === true) throw new Error('the bench ran out of commands for the HTTP run');
          const command = next.value;
          sent.push(command);
          return {
            ...request,
            path: `/innovators/${command.data.innovatorId}/income`,
            headers: { ...request.headers, 'idempotency-key': command.commandId },
            body: incomeRequest(command),
          };
        },
        onResponse: (status, body) => {
          if (status !== 201) return;
          ok += 1;
          const { commandId, stream } = JSON.parse(body) as { commandId: string; stream: string };
          // The api scopes the key to the bench's principal: the workload knows commands by key.
          acknowledged.record(idempotencyKeyOf(commandId), stream);
        },
      },
    ],
  });
  // Requests still in flight when the run ended were cut off on the client, maybe after the server
  // recorded them: each is sent again with its Idempotency-Key, which answers with the first result.
  const unanswered = sent.filter((command) => !acknowledged.commandIds.has(command.commandId));
  const resent = await resend(api, unanswered, acknowledged);
  return {
    connections,
    resent,
    seconds: round(result.duration, 2),
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.total / result.duration),
    latency: { p50Ms: result.latency.p50, p99Ms: result.latency.p99 },
    ok,
    sent,
    errors: result.errors,
    non2xx: result.non2xx,
    timeouts: result.timeouts,
  };
}

export interface QueryRun {
  readonly query: string;
  readonly path: string;
  readonly samples: number;
  readonly latency: Latency;
  readonly failures: number;
  /** The first request, not in the samples: it may do one-off work (a report seals the log first). */
  readonly firstMs: number;
}

/**
 * One query over HTTP, `samples` times one after another on a quiet API: latency as a client sees
 * it (keep-alive connection, response body read in full).
 */
export async function measureQuery(
  api: RunningApi,
  query: string,
  paths: () => string,
  samples: number,
): Promise<QueryRun> {
  const times: number[] = [];
  let failures = 0;
  let example = '';
  const begun = performance.now();
  const first = await fetch(`${api.url}${paths()}`, { headers: { authorization: `Bearer ${api.token}` } });
  await first.arrayBuffer();
  const firstMs = round(performance.now() - begun, 1);
  if (!first.ok) failures += 1;
  for (let i = 0; i < samples; i += 1) {
    const path = paths();
    example ||= path;
    const started = performance.now();
    const response = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${api.token}` } });
    await response.arrayBuffer();
    times.push(performance.now() - started);
    if (!response.ok) failures += 1;
  }
  return { query, path: example, samples, latency: latencyOf(times), failures, firstMs };
}

async function resend(
  api: RunningApi,
  commands: readonly BenchCommand[],
  acknowledged: Acknowledgements,
): Promise<number> {
  for (const command of commands) {
    const response = await fetch(`${api.url}/innovators/${command.data.innovatorId}/income`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${api.token}`,
        'content-type': 'application/json',
        'idempotency-key': command.commandId,
      },
      body: incomeRequest(command),
    });
    const body = await response.text();
    if (!response.ok)
      throw new Error(`resending command ${command.commandId} answered ${response.status}: ${body}`);
    const { stream } = JSON.parse(body) as { stream: string };
    acknowledged.record(command.commandId, stream);
  }
  return commands.length;
}
