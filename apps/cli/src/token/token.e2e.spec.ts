import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLES, SqliteTokenStore, type PrincipalSummary } from '@ledger/auth';

// nest-commander is CommonJS loading ESM Nest, which jest cannot host: the CLI runs as a real process.
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = join(REPO_ROOT, 'dist/apps/cli/src/main.js');

// Each run boots Node and Nest (about a second); some tests run the CLI four times.
jest.setTimeout(30_000);

describe('ledger token (e2e, built CLI)', () => {
  let dataDir: string;

  const ledger = (args: string[], env: Record<string, string> = {}, dir = dataDir) => {
    // A clean environment, so that variables of the machine running the tests cannot leak in.
    const result = spawnSync(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env['PATH'] ?? '', LEDGER_DATA_DIR: dir, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const list = (): PrincipalSummary[] =>
    JSON.parse(ledger(['token', 'list', '--json']).stdout) as PrincipalSummary[];

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the e2e tests`);
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-'));
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given a name and role, when token create runs, then it prints only the token on stdout and exits 0', () => {
    const result = ledger(['token', 'create', '--name', 'ci-reports', '--role', 'reporter']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^plt_[A-Za-z0-9_-]{43}\n$/);
    expect(result.stderr).toContain('will not be shown again');
  });

  it('given a created principal, when token list --json runs, then it shows the principal with its role', () => {
    ledger(['token', 'create', '--name', 'funder', '--role', 'auditor']);

    expect(list()).toContainEqual({
      id: expect.any(String),
      name: 'funder',
      role: 'auditor',
      createdAt: expect.any(String),
      revokedAt: null,
    });
  });

  it('given an unknown role, when token create runs, then exit 2 names the allowed roles and nothing is written', () => {
    const before = list();

    const result = ledger(['token', 'create', '--name', 'intruder', '--role', 'root']);

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    for (const role of ROLES) expect(result.stderr).toContain(role);
    expect(list()).toEqual(before);
  });

  it('given an empty data folder, when token create runs with an unknown role, then no file is created', () => {
    const empty = join(dataDir, 'untouched');

    expect(ledger(['token', 'create', '--name', 'x', '--role', 'root'], {}, empty).code).toBe(2);

    expect(existsSync(empty)).toBe(false);
  });

  it('given a printed token, when the token store is opened on the same file, then it authenticates', () => {
    const token = ledger(['token', 'create', '--name', 'pm', '--role', 'programme-manager']).stdout.trim();
    const listed = list().find((principal) => principal.name === 'pm');

    const store = new SqliteTokenStore(join(dataDir, 'auth.sqlite'));
    try {
      expect(store.authenticate(token)).toEqual({
        id: listed?.id,
        name: 'pm',
        role: 'programme-manager',
        createdAt: listed?.createdAt,
      });
    } finally {
      store.close();
    }
  });

  it('given a principal, when token revoke runs, then its token stops working and list shows when', () => {
    const token = ledger(['token', 'create', '--name', 'leaver', '--role', 'admin']).stdout.trim();

    expect(ledger(['token', 'revoke', 'leaver']).code).toBe(0);

    expect(list().find((principal) => principal.name === 'leaver')?.revokedAt).toEqual(expect.any(String));
    const store = new SqliteTokenStore(join(dataDir, 'auth.sqlite'));
    try {
      expect(store.authenticate(token)).toBeUndefined();
    } finally {
      store.close();
    }
    expect(ledger(['token', 'revoke', 'leaver'])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('Nothing to revoke'),
    });
  });

  it('given principals, when token list runs without --json, then it prints a table with a heading', () => {
    const result = ledger(['token', 'list']);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^NAME +ROLE +ID +CREATED +REVOKED\n/);
    expect(result.stdout).toMatch(/\nci-reports +reporter +[0-9a-f-]{36} +\S+ +-\n/);
  });

  it('given a missing option, when token create runs, then exit 2', () => {
    const result = ledger(['token', 'create', '--name', 'no-role']);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--role');
  });

  it('given an invalid variable, when any command runs, then exit 2 with a message naming it', () => {
    const result = ledger(['token', 'list'], { PORT: 'abc' });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('PORT must be an integer from 1 to 65535, got "abc"');
  });
});
