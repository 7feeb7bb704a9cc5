/** How many things were done in how long. */
export interface Throughput {
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
}

export function throughput(count: number, ms: number): Throughput {
  const seconds = ms / 1000;
  return { count, seconds: round(seconds, 3), perSecond: seconds > 0 ? Math.round(count / seconds) : 0 };
}

/** Milliseconds at the 50th, 95th and 99th percentiles (nearest rank). */
export interface Latency {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
}

export function latencyOf(samplesMs: readonly number[]): Latency {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (p: number): number => {
    if (sorted.length === 0) return 0;
    const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return round(sorted[rank] ?? 0, 2);
  };
  return { p50Ms: at(50), p95Ms: at(95), p99Ms: at(99) };
}

export function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export interface InFlightRun {
  readonly inFlight: number;
  readonly throughput: Throughput;
  readonly latency: Latency;
  readonly errors: number;
  /** The first few error messages, so an invalid row says why. */
  readonly errorSamples: readonly string[];
}

/**
 * Runs `work(next job)` with `inFlight` workers pulling from `jobs` until the jobs run out or
 * `seconds` have passed, timing each job: throughput is completed jobs over the whole run.
 */
export async function runInFlight<Job>(
  jobs: Iterator<Job>,
  inFlight: number,
  seconds: number,
  work: (job: Job) => Promise<unknown>,
): Promise<InFlightRun> {
  const samples: number[] = [];
  const errorSamples: string[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const next = jobs.next();
      if (next.done === true) return;
      const begun = performance.now();
      try {
        await work(next.value);
        samples.push(performance.now() - begun);
      } catch (error) {
        errors += 1;
        if (errorSamples.length < 5)
          errorSamples.push(error instanceof Error ? error.message : String(error));
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return {
    inFlight,
    throughput: throughput(samples.length, performance.now() - started),
    latency: latencyOf(samples),
    errors,
    errorSamples,
  };
}
