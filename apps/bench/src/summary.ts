import type { BenchResults, GateCheck, ResultRow, TargetCheck } from './bench-results.js';
import type { BatchedAppend } from './measures/event-store.measures.js';
import type { HttpRun, QueryRun } from './measures/http.measures.js';
import type { MachineLimits } from './measures/machine-limits.js';
import type { InFlightRun, Throughput } from './measures/measure.js';
import type { PeerResult } from './peer.js';

export const HTTP_CONNECTIONS = 64;

/** The rebuild child's answer, with how many events the log held when it ran. */
export interface RebuildRun {
  readonly ms: number;
  readonly maxRssMb: number;
  readonly failed: number;
  readonly results: readonly { name: string; status: string; events: number; ms: number; error?: string }[];
  readonly events: number;
}

/** Everything a run measured, as bench/results/*.json keeps it: the table is derived from it. */
export interface Measurements {
  readonly limits: MachineLimits;
  readonly batched: BatchedAppend;
  readonly readAll: Throughput;
  readonly catchUp: Throughput;
  readonly commandRuns: readonly InFlightRun[];
  readonly http: Omit<HttpRun, 'sent'> & { readonly sent: number };
  readonly rebuild: RebuildRun;
  readonly queries: readonly QueryRun[];
  readonly peer?: PeerResult;
}

/** The peer's best command rate at a level where it completed its commands without errors. */
function peerBest(peer: PeerResult | undefined): { rate: number; inFlight: number } | undefined {
  const clean = (peer?.commandPath ?? []).filter((run) => run.errors === 0 && run.commands > 0);
  const best = clean.sort((a, b) => b.eventsPerSecond - a.eventsPerSecond)[0];
  return best === undefined ? undefined : { rate: best.eventsPerSecond, inFlight: best.inFlight };
}

/**
 * The table's rows and the targets, met or not, from the measurements and the gates: a row is valid
 * only when the gates of what it measured hold.
 */
export function summarise(
  measurements: Measurements,
  gates: readonly GateCheck[],
  workload: { readonly events: number; readonly batchEvents: number },
): Pick<BenchResults, 'rows' | 'targets'> {
  const { limits, batched, readAll, catchUp, commandRuns, http, rebuild, queries, peer } = measurements;
  const header = workload;
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
        : {
            peer: {
              value: peerRun.eventsPerSecond,
              p50Ms: peerRun.p50Ms,
              p99Ms: peerRun.p99Ms,
              failed: peerRun.errors > 0,
            },
          }),
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
      `raw inserts 100 per fsync'd transaction: ${limits.insertPer100.perSecond.toLocaleString('en-GB')}/s (ours ${((100 * batched.all.perSecond) / Math.max(1, limits.insertPer100.perSecond)).toFixed(0)}% of it)`,
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
  const rebuildRate = Math.round(rebuild.events / (rebuild.ms / 1000));
  rows.push({
    id: 'rebuild',
    measure: 'Rebuild every projection from 0',
    unit: 'events/s',
    ours: rebuildRate,
    limit: { label: 'raw read and parse', value: limits.readAndParse.perSecond },
    valid: readModelsValid,
    note: `${rebuild.events.toLocaleString('en-GB')} events in ${(rebuild.ms / 1000).toFixed(1)} s, peak RSS ${rebuild.maxRssMb} MB`,
  });
  for (const query of queries)
    rows.push({
      id: `query-${query.query}`,
      measure: `Query: ${query.query}`,
      unit: 'ms',
      ours: query.latency.p50Ms,
      latency: query.latency,
      valid: query.failures === 0 && readModelsValid,
      note: `first request ${query.firstMs} ms (not in the samples)`,
    });

  const command64 = commandRuns.find((r) => r.inFlight === 64);
  const peer64 = peer?.commandPath.find((p) => p.inFlight === 64);
  const best = peerBest(peer);
  const history = queries[0];
  const impact = queries[2];
  const targets: TargetCheck[] = [
    {
      id: 'command-64',
      target: 'Command path, 64 in flight, fsync’d: ≥ 10,000 events/s',
      actual: `${command64?.throughput.perSecond ?? 0} events/s`,
      met: (command64?.throughput.perSecond ?? 0) >= 10_000,
    },
    ...(best === undefined
      ? []
      : [
          {
            id: 'command-64-peer',
            target: 'Command path, 64 in flight: ≥ 20× the peer (its best level without errors)',
            actual: `${((command64?.throughput.perSecond ?? 0) / Math.max(1, best.rate)).toFixed(1)}× (peer: ${best.rate} events/s at ${best.inFlight} in flight${peer64 !== undefined && peer64.errors > 0 ? `; at 64 it completed ${peer64.commands} with ${peer64.errors} errors` : ''})`,
            met: (command64?.throughput.perSecond ?? 0) >= 20 * best.rate,
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

  return { rows, targets };
}
