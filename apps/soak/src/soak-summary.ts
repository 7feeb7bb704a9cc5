import type { SoakReport } from './soak-run.js';
import { CONFLICT_KINDS, RACES, type ValidKind } from './soak-workload.js';

const list = (entries: Record<string, number>) =>
  Object.entries(entries)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');

/** The soak's summary as text: the figures, then each invariant ok or FAIL with its first problems. */
export function textSummary(report: SoakReport): string {
  const { options, load, faults } = report;
  const refused = Object.fromEntries(
    CONFLICT_KINDS.map((kind) => [kind, load.intents[kind]?.refusedAsExpected ?? 0]),
  );
  const races = Object.fromEntries(
    (Object.keys(RACES) as ValidKind[]).map((kind) => [kind, load.races[kind] ?? 0]),
  );
  const downs = faults.restarts.map((r) => r.downMs);
  const lines = [
    `Soak: ${options.clients} clients for ${load.seconds} s (seed ${options.seed}), ${faults.kills} SIGKILL(s) of the api`,
    `  commands      ${load.commands} sent, ${load.commandsPerSecond}/s (${load.requests} HTTP requests, ${load.requestsPerSecond}/s)`,
    `  latency       p50 ${load.latencyMs.p50} ms, p95 ${load.latencyMs.p95} ms, p99 ${load.latencyMs.p99} ms, max ${load.latencyMs.max} ms`,
    `  by kind       ${Object.entries(load.latencyByKindMs)
      .map(([kind, l]) => `${kind} ${l.p50}/${l.p99}`)
      .join(', ')} (p50/p99 ms)`,
    `  statuses      ${list(load.statuses)}`,
    `  acknowledged  ${load.acknowledged.commands} commands, ${load.acknowledged.events} events (set-up: ${load.setup.commands} commands, ${load.setup.events} events)`,
    `  refused       as they must be: ${list(refused)}`,
    `  races lost    ${list(races)} (valid commands a racing one got to first)`,
    `  retries       ${load.replays.sent} with the same key after a 2xx: ${load.replays.identical} answered the first result (replayed), ${load.replays.mismatched} did not`,
    `  cut off       ${load.cutOff.commands} commands by the kills (${load.cutOff.attempts} attempts), resent with the same key: ${load.cutOff.foundRecorded} found recorded (replayed), ${load.cutOff.decidedAfterRestart} decided after the restart`,
    `  kills         ${faults.restarts.length} survived` +
      (downs.length > 0
        ? `, up again in ${Math.min(...downs)}–${Math.max(...downs)} ms (at ${faults.restarts.map((r) => `${r.atSeconds} s`).join(', ')})`
        : ''),
    `  shutdown      SIGTERM, exit ${String(faults.shutdown.code)}; projections caught up ${faults.catchUpMs} ms after the load`,
    `  log           ${report.log.events} events in ${report.log.streams} streams`,
    '',
    'Invariants',
  ];
  for (const check of report.invariants) {
    lines.push(`  ${check.ok ? 'ok  ' : 'FAIL'}  ${check.title}: ${check.figures}`);
    for (const example of check.examples) lines.push(`          - ${example}`);
  }
  lines.push('');
  if (report.keptData !== undefined) lines.push(`Data kept in ${report.keptData}`);
  lines.push(
    report.ok
      ? 'Every invariant holds.'
      : `${report.invariants.filter((i) => !i.ok).length} invariant(s) failed.`,
  );
  return `${lines.join('\n')}\n`;
}
