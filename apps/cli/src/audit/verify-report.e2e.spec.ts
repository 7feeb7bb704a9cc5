import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { openSqliteEventStore } from '@ledger/event-store';
import type { ImpactReport } from '@ledger/reporting';
import { ledgerEvents } from '@ledger/testing';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = join(REPO_ROOT, 'dist/apps/cli/src/main.js');

jest.setTimeout(60_000);

/**
 * SPEC §6: reports carry the seal they were computed at, and `ledger verify-report` holds a report
 * file to the ledger: its seal, the ledger up to that seal, and its figures as at its position.
 */
describe('ledger verify-report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-verify-report-'));
  const file = join(dir, 'events.sqlite');
  const cli = (...args: string[]) => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does)`);
    return spawnSync(process.execPath, [MAIN, ...args], {
      env: { ...process.env, LEDGER_DATA_DIR: dir },
      encoding: 'utf8',
    });
  };
  const out = (name: string) => join(dir, name);
  let programmeId: string;
  let report: ImpactReport;

  beforeAll(async () => {
    const appends = ledgerEvents({ events: 800 });
    const launched = appends.flat().find((write) => write.events[0]?.type === 'ProgrammeLaunched');
    programmeId = (launched?.events[0]?.data as { programmeId: string }).programmeId;
    const store = openSqliteEventStore({ file });
    for (const writes of appends) await store.appendMultiple(writes);
    await store.close();
    for (const format of ['json', 'csv', 'html']) {
      const written = cli(
        'report',
        'impact',
        '--programme',
        programmeId,
        '--format',
        format,
        '--out',
        out(`impact.${format}`),
      );
      if (written.status !== 0) throw new Error(`report impact failed: ${written.stderr}`);
    }
    report = JSON.parse(readFileSync(out('impact.json'), 'utf8')) as ImpactReport;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given a report written by report impact, then it states the seal made for it, covering its position', () => {
    expect(report.schemaVersion).toBe(3);
    expect(report.seal).toMatchObject({ sealNumber: 1, position: report.ledgerPosition });
    expect(report.seal?.sealHash).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(out('impact.csv'), 'utf8')).toContain(`ledger,sealNumber,1,1`);
  });

  it('given the JSON, the CSV and the HTML page of the report, when verified, then each matches the ledger and exits 0', () => {
    for (const format of ['json', 'csv', 'html']) {
      const result = cli('verify-report', out(`impact.${format}`));

      expect([format, result.status, result.stderr]).toEqual([format, 0, '']);
      expect(result.stdout).toContain(`verify-report: ${out(`impact.${format}`)} matches the ledger.`);
      expect(result.stdout).toContain(
        `seal 1, covering position ${report.ledgerPosition}: in the ledger, unchanged`,
      );
    }
  });

  it('given events appended and sealed since, when the old report is verified, then it still matches: its seal and its position stay', async () => {
    const store = openSqliteEventStore({ file });
    const [more] = ledgerEvents({ events: 5, seed: 99 });
    await store.appendMultiple((more ?? []).map((write) => ({ ...write, stream: `${write.stream}-later` })));
    await store.close();

    const sealed = cli('seal', '--json');
    const result = cli('verify-report', out('impact.json'));

    expect(JSON.parse(sealed.stdout)).toMatchObject({ created: true, seal: { sealNumber: 2 } });
    expect(result.status).toBe(0);
  });

  it('given a figure changed in the report file, when verified, then it exits 3 naming the figure and both values', () => {
    const changed = { ...report, grants: { ...report.grants, count: { value: 99, display: '99' } } };
    writeFileSync(out('changed.json'), JSON.stringify(changed, null, 2));

    const result = cli('verify-report', out('changed.json'));

    expect(result.status).toBe(3);
    expect(result.stderr).toContain(
      `The report's figures differ from the ledger's as at position ${report.ledgerPosition}:`,
    );
    expect(result.stderr).toContain(
      `grants.count.value: the report says 99, the ledger gives ${report.grants.count.value}`,
    );
  });

  it('given the seal changed in the report file, when verified, then it exits 3 naming what differs from the ledger’s seal', () => {
    const seal = { ...report.seal, streamsRoot: 'f'.repeat(64) };
    writeFileSync(out('reseal.json'), JSON.stringify({ ...report, seal }, null, 2));

    const result = cli('verify-report', out('reseal.json'));

    expect(result.status).toBe(3);
    expect(result.stderr).toContain(
      `The report's seal 1 is not the ledger's:\n  - streamsRoot: the report says ${'f'.repeat(64)}`,
    );
  });

  it('given a file that is not a report, when verified, then it exits 2', () => {
    writeFileSync(out('page.html'), '<!doctype html><html></html>');

    expect(cli('verify-report', out('page.html')).status).toBe(2);
    expect(cli('verify-report', out('missing.json')).status).toBe(2);
  });

  it('given an event the seal covers altered in the ledger, when the report is verified, then it exits 3 naming the event', () => {
    const db = new Database(file);
    const target = db
      .prepare(
        `SELECT position, stream, revision, data FROM events WHERE stream LIKE 'programme-%' ORDER BY position LIMIT 1`,
      )
      .get() as { position: number; stream: string; revision: number; data: string };
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(
      target.data.replace('"name":"', '"name":"X'),
      target.position,
    );
    db.close();

    const result = cli('verify-report', out('impact.json'));

    expect(result.status).toBe(3);
    expect(result.stderr).toContain('The ledger does not verify up to seal 1.');
    expect(result.stderr).toContain(
      `altered: ${target.stream} revision ${target.revision} at position ${target.position}`,
    );
  });
});
