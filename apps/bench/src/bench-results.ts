import type { Measurements } from './summary.js';

/** One line of the bench's table: ours, beside the machine's limit and the peer where they apply. */
export interface ResultRow {
  readonly id: string;
  readonly measure: string;
  readonly unit: string;
  readonly ours: number;
  /** p50/p95/p99 in ms, where the measure has a latency. */
  readonly latency?: { readonly p50Ms: number; readonly p95Ms?: number; readonly p99Ms: number };
  readonly limit?: { readonly label: string; readonly value: number };
  readonly peer?: {
    readonly value: number;
    readonly p50Ms?: number;
    readonly p99Ms?: number;
    /** The peer failed commands at this level: a ratio to its rate would mean nothing. */
    readonly failed?: boolean;
  };
  /** False when a correctness gate of this measure failed: the figure does not count. */
  readonly valid: boolean;
  readonly note?: string;
}

export interface TargetCheck {
  readonly id: string;
  readonly target: string;
  readonly actual: string;
  readonly met: boolean;
}

export interface GateCheck {
  readonly gate: string;
  readonly ok: boolean;
  readonly expected: string;
  readonly actual: string;
  readonly problems: readonly string[];
}

export interface BenchResults {
  readonly scale: number;
  readonly label: string;
  readonly seed: number;
  readonly startedAt: string;
  readonly totalSeconds: number;
  readonly machine: Readonly<Record<string, string>>;
  readonly workload: Readonly<Record<string, string | number>>;
  readonly rows: readonly ResultRow[];
  readonly targets: readonly TargetCheck[];
  readonly gates: readonly GateCheck[];
  readonly peer?: { readonly description: string; readonly notes: readonly string[] };
  /** Everything measured: the rows and targets are derived from it (`summarise`). */
  readonly details: Measurements;
}

const integer = (value: number): string => Math.round(value).toLocaleString('en-GB');
const ms = (value: number | undefined): string => (value === undefined ? '' : `${value}`);

function ratio(ours: number, other: number | undefined, lowerIsBetter: boolean): string {
  if (other === undefined || other === 0 || ours === 0) return '';
  const r = lowerIsBetter ? other / ours : ours / other;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;
}

/** The results as a Markdown table, the way docs/benchmarks.md shows them. */
export function markdownTable(results: BenchResults): string {
  const lines = [
    '| Measure | Ours | p50 / p95 / p99 ms | Limit | Ours ÷ limit | Peer | Ours ÷ peer | Valid |',
    '| --- | ---: | --- | ---: | ---: | ---: | ---: | --- |',
  ];
  for (const row of results.rows) {
    const lowerIsBetter = row.unit === 'ms';
    const latency =
      row.latency === undefined
        ? ''
        : [row.latency.p50Ms, row.latency.p95Ms, row.latency.p99Ms].map((v) => ms(v) || '–').join(' / ');
    const limit = row.limit === undefined ? '' : `${integer(row.limit.value)} (${row.limit.label})`;
    const peer = row.peer === undefined ? '' : integer(row.peer.value);
    const peerRatio =
      row.peer?.failed === true ? 'peer failed' : ratio(row.ours, row.peer?.value, lowerIsBetter);
    lines.push(
      `| ${row.measure} | ${integer(row.ours)} ${row.unit} | ${latency} | ${limit} | ${ratio(row.ours, row.limit?.value, lowerIsBetter)} | ${peer} | ${peerRatio} | ${row.valid ? 'yes' : '**no**'}${row.note ? ` (${row.note})` : ''} |`,
    );
  }
  return lines.join('\n');
}

export function markdownTargets(results: BenchResults): string {
  const lines = ['| Target | Measured | Met |', '| --- | --- | --- |'];
  for (const t of results.targets) lines.push(`| ${t.target} | ${t.actual} | ${t.met ? 'yes' : '**no**'} |`);
  return lines.join('\n');
}

export function markdownGates(results: BenchResults): string {
  const lines = ['| Gate | OK | Expected | Found |', '| --- | --- | --- | --- |'];
  for (const g of results.gates)
    lines.push(
      `| ${g.gate} | ${g.ok ? 'yes' : '**no**: ' + g.problems.slice(0, 3).join('; ')} | ${g.expected} | ${g.actual} |`,
    );
  return lines.join('\n');
}

/** The section of docs/benchmarks.md for one scale, between its markers. */
export function markdownSection(results: BenchResults): string {
  const m = results.machine;
  const w = results.workload;
  return [
    `### ${results.label} events`,
    '',
    `Run of ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${Math.round(results.totalSeconds)} s in all, seed ${results.seed}. ` +
      `Machine: ${m['cpu']}, ${m['cores']} cores, ${m['memory']}, ${m['os']}, Node.js ${m['node']}, SQLite ${m['sqlite']}. ` +
      `Workload: ${integer(Number(w['events']))} events of ${integer(Number(w['commands']))} commands over ${integer(Number(w['streams']))} streams, in ${integer(Number(w['appends']))} appends (${w['fileMb']} MB of JSON lines).`,
    '',
    markdownTable(results),
    '',
    results.peer === undefined ? 'No peer in this run.' : `Peer: ${results.peer.description}.`,
    ...(results.peer?.notes ?? []).map((note) => `- ${note}`),
    '',
    'Targets:',
    '',
    markdownTargets(results),
    '',
    'Correctness gates:',
    '',
    markdownGates(results),
  ].join('\n');
}

/** A plain-text table for the terminal. */
export function textTable(results: BenchResults): string {
  const header = [
    'measure',
    'ours',
    'unit',
    'p50/p95/p99 ms',
    'limit',
    'ours/limit',
    'peer',
    'ours/peer',
    'valid',
  ];
  const rows = results.rows.map((row) => [
    row.measure,
    integer(row.ours),
    row.unit,
    row.latency === undefined ? '' : `${row.latency.p50Ms}/${row.latency.p95Ms ?? '-'}/${row.latency.p99Ms}`,
    row.limit === undefined ? '' : integer(row.limit.value),
    ratio(row.ours, row.limit?.value, row.unit === 'ms'),
    row.peer === undefined ? '' : integer(row.peer.value),
    row.peer?.failed === true ? 'peer failed' : ratio(row.ours, row.peer?.value, row.unit === 'ms'),
    row.valid ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [format(header), ...rows.map(format)].join('\n');
}
