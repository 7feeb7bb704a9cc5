import { describe, expect, it } from '@jest/globals';
import { latencyOf, runInFlight, throughput } from './measure.js';

describe('measure', () => {
  it('given 100 samples 1..100 ms, when summarised, then nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(latencyOf(samples)).toEqual({ p50Ms: 50, p95Ms: 95, p99Ms: 99 });
    expect(latencyOf([])).toEqual({ p50Ms: 0, p95Ms: 0, p99Ms: 0 });
  });

  it('given 5,000 things in 2 s, when rated, then 2,500 a second', () => {
    expect(throughput(5000, 2000)).toEqual({ count: 5000, seconds: 2, perSecond: 2500 });
  });

  it('given 40 jobs and 8 in flight, when run, then never more than 8 at once, every job once, failures counted', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const jobs = Array.from({ length: 40 }, (_, i) => i)[Symbol.iterator]();
    const run = await runInFlight(jobs, 8, 60, async (job) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 2));
      running -= 1;
      if (job % 10 === 9) throw new Error(`job ${job} refused`);
      done.push(job);
    });
    expect(most).toBe(8);
    expect(done.sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i).filter((i) => i % 10 !== 9),
    );
    expect(run).toMatchObject({
      inFlight: 8,
      errors: 4,
      errorSamples: ['job 9 refused', 'job 19 refused', 'job 29 refused', 'job 39 refused'],
    });
    expect(run.throughput.count).toBe(36);
  });
});
