import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImpactReport } from '@ledger/reporting';
import { startDemoLedger } from '../testing/demo-ledger.js';

const CLI = join(process.cwd(), 'dist/apps/cli/src/main.js');

/** A reporting job, unattended: `ledger report impact` on the data folder the api wrote. */
describe('ledger report impact', () => {
  let dataDir: string;
  let expected: ImpactReport;
  const out = mkdtempSync(join(tmpdir(), 'ledger-report-'));
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], {
      env: { ...process.env, LEDGER_DATA_DIR: dataDir },
      encoding: 'utf8',
    });

  beforeAll(async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first (npm test does)`);
    const ledger = await startDemoLedger();
    dataDir = ledger.config.dataDir;
    const res = await ledger.http
      .get('/programmes/iep-2017/reports/impact')
      .set('Authorization', `Bearer ${ledger.tokens.auditor}`);
    expected = res.body as ImpactReport;
    await ledger.app.close();
  }, 120_000);
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  });

  it('given the demo ledger, when the job writes the JSON report, then it exits 0 with the same figures and position as the api', () => {
    const result = cli(
      'report',
      'impact',
      '--programme',
      'iep-2017',
      '--format',
      'json',
      '--out',
      join(out, 'impact.json'),
    );

    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'impact.json'), 'utf8')) as ImpactReport;
    expect(report).toEqual(expected);
    expect(result.stderr).toContain(`at ledger position ${expected.ledgerPosition}`);
  }, 60_000);

  it('given the demo ledger, when the job writes CSV to stdout, then stdout holds only the CSV', () => {
    const result = cli('report', 'impact', '--programme', 'iep-2017', '--format', 'csv');

    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('section,figure,value,display');
    expect(result.stdout).toContain('"£360,000"');
  }, 60_000);

  it('given an unknown programme or format, when the job runs, then it exits non-zero naming the problem', () => {
    const unknown = cli('report', 'impact', '--programme', 'nope');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('No programme nope');
    const badFormat = cli('report', 'impact', '--programme', 'iep-2017', '--format', 'xml');
    expect(badFormat.status).toBe(2);
    expect(badFormat.stderr).toContain('--format must be one of json, csv, html');
  }, 60_000);
});
