export interface BenchOptions {
  readonly scale: number;
  readonly label: string;
  readonly seed: number;
  readonly workDir: string;
  readonly resultsDir: string;
  readonly doc: string;
  readonly peer: boolean;
  /** Seconds per in-flight level of the command path, per system. */
  readonly commandSeconds: number;
  readonly httpSeconds: number;
  readonly querySamples: number;
  /** A smoke run (below 1e5 events): short runs, correctness gates only; docs/benchmarks.md is left alone. */
  readonly smoke: boolean;
  /** Measure nothing: derive the table again from bench/results/bench-<scale>.json and rewrite the doc. */
  readonly fromResults: boolean;
}

const USAGE = `npm run bench [-- --scale 1e4|1e5|1e6] [--seed N] [--no-peer] [--command-seconds S] [--http-seconds S] [--from-results]`;

/** `1e6` or `1000000`; the label keeps the form a reader knows (1e4, 1e5, 1e6). */
export function parseScale(text: string): { scale: number; label: string } {
  const scale = Number(text);
  if (!Number.isInteger(scale) || scale < 1000 || scale > 10_000_000)
    throw new Error(`--scale must be a whole number of events from 1e3 to 1e7, got ${JSON.stringify(text)}`);
  const exponent = Math.log10(scale);
  return { scale, label: Number.isInteger(exponent) ? `1e${exponent}` : String(scale) };
}

function positive(name: string, text: string | undefined): number {
  const value = Number(text);
  if (text === undefined || !Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(text)}`);
  return value;
}

/** Reads the command line; every mistake names the option and what was given. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  let scale = parseScale('1e5');
  let seed = 2017;
  let peer = true;
  let commandSeconds: number | undefined;
  let httpSeconds: number | undefined;
  let fromResults = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    const value = (): string | undefined => argv[++i];
    if (arg === '--scale') scale = parseScale(value() ?? '');
    else if (arg === '--seed') seed = Math.floor(positive('--seed', value()));
    else if (arg === '--no-peer') peer = false;
    else if (arg === '--from-results') fromResults = true;
    else if (arg === '--command-seconds') commandSeconds = positive('--command-seconds', value());
    else if (arg === '--http-seconds') httpSeconds = positive('--http-seconds', value());
    else throw new Error(`Unknown option ${JSON.stringify(arg)}. Usage: ${USAGE}`);
  }
  const smoke = scale.scale < 100_000;
  return {
    ...scale,
    seed,
    workDir: 'bench/work',
    resultsDir: 'bench/results',
    doc: 'docs/benchmarks.md',
    peer,
    commandSeconds: commandSeconds ?? (smoke ? 1 : 5),
    httpSeconds: httpSeconds ?? (smoke ? 2 : 10),
    querySamples: smoke ? 100 : 500,
    smoke,
    fromResults,
  };
}
