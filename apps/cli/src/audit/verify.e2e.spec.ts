import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import Database from 'better-sqlite3';
import type { VerifyResult } from '@ledger/audit';

// nest-commander is CommonJS loading ESM Nest, which jest cannot host: the CLI runs as a real process.
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = join(REPO_ROOT, 'dist/apps/cli/src/main.js');
/** Writes a sealed ledger from the build, as fast as the CLI runs (see the script). */
const WRITER = join(REPO_ROOT, 'dist/libs/audit/src/testing/write-load-ledger.js');

jest.setTimeout(60_000);

function run(script: string, args: readonly string[], env: Record<string, string> = {}) {
  if (!existsSync(script))
    throw new Error(`${script} is missing: run \`npm run build\` first (npm test does)`);
  return spawnSync(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
}

/** A data folder holding a ledger of `events` events over `streams` streams, sealed every `sealEvery`. */
function ledgerFolder(events: number, streams: number, sealEvery: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-verify-'));
  const written = run(WRITER, [
    join(dir, 'events.sqlite'),
    String(events),
    String(streams),
    String(sealEvery),
  ]);
  if (written.status !== 0) throw new Error(`the writer failed: ${written.stderr}`);
  return dir;
}

function tamper(dir: string, sql: string, ...params: unknown[]): void {
  const db = new Database(join(dir, 'events.sqlite'));
  db.prepare(sql).run(...params);
  db.close();
}

function row(
  dir: string,
  sql: string,
  ...params: unknown[]
): { position: number; stream: string; revision: number; data: string } {
  const db = new Database(join(dir, 'events.sqlite'), { readonly: true });
  const found = db.prepare(`SELECT position, stream, revision, data FROM events WHERE ${sql}`).get(...params);
  db.close();
  if (found === undefined) throw new Error(`no event where ${sql}`);
  return found as { position: number; stream: string; revision: number; data: string };
}

describe('ledger verify over 100,000 events', () => {
  let dir: string;
  beforeAll(() => {
    dir = ledgerFolder(100_000, 1234, 25_000);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given an untouched ledger of 100,000 events, when verified, then it exits 0 and prints the counts and the time it took', () => {
    const result = run(MAIN, ['verify'], { LEDGER_DATA_DIR: dir });

    // The figure the acceptance test asks for, in the test's output.
    process.stdout.write(`${result.stdout.split('\n')[0] ?? ''}\n`);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /^verify: 100000 events, 1234 streams, 4 seals in \d+ ms \(\d+ events\/s\)\nintact: every stream chain and every seal holds, up to seal 4/,
    );
  });
});

describe('ledger verify on a changed file', () => {
  let dir: string;
  const verify = (...args: string[]) => run(MAIN, ['verify', ...args], { LEDGER_DATA_DIR: dir });
  beforeAll(() => {
    dir = ledgerFolder(3000, 40, 1000);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given one character of one event changed with SQL, when verified, then it exits 3 naming the event, its stream, revision, position and both hashes', () => {
    const target = row(dir, 'position = 1500');
    tamper(
      dir,
      'UPDATE events SET data = ? WHERE position = ?',
      target.data.replace('event', 'evenT'),
      target.position,
    );

    const result = verify();

    expect(result.status).toBe(3);
    expect(result.stdout).toMatch(/^verify: 3000 events, 40 streams, 3 seals in \d+ ms/);
    const lines = result.stderr.split('\n');
    expect(lines[0]).toBe('NOT INTACT: 1 failure; the first:');
    expect(lines[1]).toMatch(
      new RegExp(
        `^altered: ${target.stream} revision ${target.revision} at position 1500 .* does not match its hash`,
      ),
    );
    expect(lines.slice(2, 5)).toEqual([
      `  stream         ${target.stream}`,
      `  revision       ${target.revision}`,
      '  position       1500',
    ]);
    expect(result.stderr).toMatch(/expected hash {2}[0-9a-f]{64}\n {2}found hash {5}[0-9a-f]{64}/);
    tamper(dir, 'UPDATE events SET data = ? WHERE position = ?', target.data, target.position);
    expect(verify().status).toBe(0);
  });

  it('given the last events of a stream deleted before a seal, when verified as JSON, then it exits 3 and the seal names the stream and both heads', () => {
    const sealData = (revision: number) =>
      JSON.parse(row(dir, `stream = 'seal-ledger' AND revision = ?`, revision).data) as { position: string };
    const [first, second] = [Number(sealData(0).position), Number(sealData(1).position)];
    const kept = row(dir, `stream = 'grant-load-0' AND position <= ? ORDER BY position DESC LIMIT 1`, first);
    const sealed = row(
      dir,
      `stream = 'grant-load-0' AND position <= ? ORDER BY position DESC LIMIT 1`,
      second,
    );
    tamper(dir, `DELETE FROM events WHERE stream = 'grant-load-0' AND position > ?`, first);

    const result = verify('--json');

    expect(result.status).toBe(3);
    const report = JSON.parse(result.stdout) as VerifyResult;
    expect(report.failures[0]).toMatchObject({
      kind: 'seal-mismatch',
      sealNumber: 2,
      stream: 'grant-load-0',
      heads: [
        { stream: 'grant-load-0', sealed: { revision: sealed.revision }, found: { revision: kept.revision } },
      ],
    });
    expect(result.stderr).toContain(`head of grant-load-0: sealed revision ${sealed.revision}`);
  });

  it('given a seal the ledger lacks, when verified from it, then it exits 2 naming the seals there are', () => {
    const result = verify('--from-seal', '9');

    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--from-seal: There is no seal 9: the ledger has seals 1 to 3');
  });
});

describe('ledger seal', () => {
  let dir: string;
  const seal = (...args: string[]) => run(MAIN, ['seal', ...args], { LEDGER_DATA_DIR: dir });
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-seal-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given an empty ledger, when sealed, then it says there is nothing to seal and exits 0', () => {
    const result = seal();

    expect(result.status).toBe(0);
    expect(result.stderr).toContain('Nothing to seal: the ledger is empty');
  });

  it('given a ledger, when sealed twice, then the first seals it and prints the seal, the second writes nothing', () => {
    rmSync(dir, { recursive: true, force: true });
    dir = ledgerFolder(500, 10, 1000);

    const again = seal('--json');
    const text = seal();

    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({
      created: false,
      seal: { sealNumber: 1, eventCount: 500 },
    });
    expect(text.stdout.split('\n')[0]).toBe(
      'seal 1 covers the ledger up to position 500: 500 events in 10 streams',
    );
    expect(text.stderr).toContain('Already sealed');
  });
});
