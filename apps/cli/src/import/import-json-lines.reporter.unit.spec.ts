import { describe, expect, test } from '@jest/globals';
import type { ImportResult } from '@ledger/giving360';
import { ImportJsonLinesReporter } from './import-json-lines.reporter.js';

const result: ImportResult = {
  ...{ read: 3, loaded: 1, alreadyThere: 1, refused: [], programmes: [], eventsWritten: 2, ms: 40 },
  invalid: [{ id: '360G-x-3', position: 3, problems: [{ code: 'AMOUNT.ZERO', message: 'zero' }] }],
};

describe('ImportJsonLinesReporter', () => {
  test('given progress in quick succession, when printed, then the first line, one a second and the last, then the result with the file', () => {
    const lines: string[] = [];
    const reporter = new ImportJsonLinesReporter((line) => lines.push(line));

    reporter.progress({ done: 0, total: 3, elapsedMs: 0 });
    reporter.progress({ done: 1, total: 3, elapsedMs: 500 });
    reporter.progress({ done: 2, total: 3, elapsedMs: 1000 });
    reporter.progress({ done: 3, total: 3, elapsedMs: 1200 });
    reporter.finish(result, { path: 'grants.json', sha256: 'ab12' });

    expect(lines.map((line): unknown => JSON.parse(line))).toEqual([
      { type: 'progress', done: 0, total: 3, grantsPerSecond: 0, etaSeconds: null },
      { type: 'progress', done: 2, total: 3, grantsPerSecond: 2, etaSeconds: 1 },
      { type: 'progress', done: 3, total: 3, grantsPerSecond: 3, etaSeconds: 0 },
      { type: 'result', file: 'grants.json', sha256: 'ab12', ...result },
    ]);
    expect(lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
  });
});
