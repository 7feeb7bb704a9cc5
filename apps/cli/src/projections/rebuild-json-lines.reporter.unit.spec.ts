import { describe, expect, test } from '@jest/globals';
import type { RebuildProgress } from '@ledger/projections';
import { JsonLinesReporter } from './rebuild-json-lines.reporter.js';

const report = (phase: RebuildProgress['phase'], done: number): RebuildProgress => ({
  name: 'grant-register',
  phase,
  done,
  total: 1000,
  resumedFrom: 0,
  eventsPerSecond: 123.4,
  etaMs: 1500,
});

describe('JsonLinesReporter', () => {
  test('given reports in quick succession, when printed, then one line per second of building and every change of phase, then the results', () => {
    const lines: string[] = [];
    let now = 0;
    const reporter = new JsonLinesReporter(
      (line) => lines.push(line),
      () => now,
    );

    reporter.progress(report('building', 100));
    now = 500;
    reporter.progress(report('building', 200));
    now = 1100;
    reporter.progress(report('building', 300));
    reporter.progress(report('switching', 1000));
    reporter.finish([{ name: 'grant-register', status: 'Success', events: 1000, ms: 1200 }]);

    expect(lines.map((line): unknown => JSON.parse(line))).toEqual([
      {
        type: 'progress',
        name: 'grant-register',
        phase: 'building',
        done: 100,
        total: 1000,
        resumedFrom: 0,
        eventsPerSecond: 123,
        etaSeconds: 2,
      },
      expect.objectContaining({ phase: 'building', done: 300 }),
      expect.objectContaining({ phase: 'switching', done: 1000 }),
      { type: 'result', results: [{ name: 'grant-register', status: 'Success', events: 1000, ms: 1200 }] },
    ]);
    expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
  });
});
