import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SqliteTokenStore } from '@ledger/auth';
import { type LedgerConfig, loadConfig } from '@ledger/config';
import type { NewEvent } from '@ledger/event-store';
import { openEventStore } from '@ledger/stores';

// nest-commander is CommonJS loading ESM Nest, which jest cannot host: the CLI runs as a real process.
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = join(REPO_ROOT, 'dist/apps/cli/src/main.js');

jest.setTimeout(30_000);

function partnerRegistered(partnerId: string): NewEvent {
  const commandId = randomUUID();
  return {
    type: 'PartnerRegistered',
    data: {
      partnerId,
      name: 'Castlegate Council (illustrative)',
      sector: 'public',
      contactPerson: { personId: `contact-${partnerId}`, name: 'Ignatius Brackenbury-Lowe' },
    },
    schemaVersion: 2,
    occurredAt: '2018-02-01T00:00:00.000Z',
    metadata: {
      actor: { id: 'e2e', role: 'admin' },
      commandId,
      correlationId: commandId,
      causationId: commandId,
      source: 'cli',
    },
  };
}

describe('ledger forget-person (e2e, built CLI)', () => {
  let dataDir: string;
  let config: LedgerConfig;
  let admin: { id: string; token: string };
  let manager: string;

  const ledger = (args: string[], env: Record<string, string> = {}) => {
    // A clean environment, so that variables of the machine running the tests cannot leak in.
    const result = spawnSync(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env['PATH'] ?? '', LEDGER_DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  /** The partner's contact person as the ledger reads it now, and the person stream's events. */
  const read = async (partnerId: string) => {
    const events = openEventStore(config);
    try {
      const [partner] = (await events.readStream(`partner-${partnerId}`)).events;
      const person = await events.readStream(`person-contact-${partnerId}`);
      return {
        contact: (partner?.data as { contactPerson: unknown }).contactPerson,
        erasures: person.events,
      };
    } finally {
      await events.close();
    }
  };

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the e2e tests`);
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-forget-'));
    config = loadConfig({ LEDGER_DATA_DIR: dataDir });
    const tokens = new SqliteTokenStore(config.authFile);
    const created = tokens.create({ name: 'data-protection-officer', role: 'admin' });
    admin = { id: created.principal.id, token: created.token };
    manager = tokens.create({ name: 'programme-manager', role: 'programme-manager' }).token;
    tokens.close();
    const events = openEventStore(config);
    for (const partnerId of ['p1', 'p2'])
      await events.appendToStream(`partner-${partnerId}`, 'no-stream', [partnerRegistered(partnerId)]);
    await events.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given no token, when forget-person runs, then exit 2 asks for an admin token and nothing is written', async () => {
    const result = ledger(['forget-person', 'contact-p1', '--reason', 'Erasure request 2019-17']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('forget-person needs an admin token: give --token or set LEDGER_TOKEN\n');
    expect((await read('p1')).contact).toMatchObject({ name: 'Ignatius Brackenbury-Lowe' });
  });

  it('given a programme manager token, when forget-person runs, then exit 2 says it needs the forget permission', async () => {
    const result = ledger([
      'forget-person',
      'contact-p1',
      '--reason',
      'Erasure request 2019-17',
      '--token',
      manager,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      'programme-manager (programme-manager) may not forget people: that needs the forget permission (admin)\n',
    );
    expect((await read('p1')).erasures).toEqual([]);
  });

  it('given a revoked or made-up token, or no reason, when forget-person runs, then exit 2', () => {
    expect(ledger(['forget-person', 'contact-p1', '--reason', 'x', '--token', 'plt_nonsense']).stderr).toBe(
      'The token is unknown or revoked\n',
    );
    expect(ledger(['forget-person', 'contact-p1'], { LEDGER_TOKEN: admin.token }).code).toBe(2);
    expect(
      ledger(['forget-person', 'contact-p1', '--reason', '  '], { LEDGER_TOKEN: admin.token }).stderr,
    ).toBe('--reason must say why (it is kept for auditors)\n');
  });

  it('given an admin token, when a person nobody recorded is forgotten, then exit 1 says so', () => {
    const result = ledger(['forget-person', 'contact-nobody', '--reason', 'Erasure request'], {
      LEDGER_TOKEN: admin.token,
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('The ledger holds no personal data of person contact-nobody\n');
  });

  it('given an admin token in LEDGER_TOKEN, when forget-person runs, then exit 0, the erasure names the admin and the contact reads erased', async () => {
    const result = ledger(['forget-person', 'contact-p1', '--reason', 'Erasure request 2019-17'], {
      LEDGER_TOKEN: admin.token,
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^Person contact-p1 is forgotten: PersonalDataErased at position \d+ \(person-contact-p1\); their key is destroyed\.\n$/,
    );
    const { contact, erasures } = await read('p1');
    expect(contact).toEqual({ personId: 'contact-p1', erased: true });
    expect(erasures).toMatchObject([
      {
        type: 'PersonalDataErased',
        data: { personId: 'contact-p1' },
        metadata: {
          actor: { id: admin.id, role: 'admin' },
          source: 'cli',
          reason: 'Erasure request 2019-17',
        },
      },
    ]);
    expect((await read('p2')).contact).toMatchObject({ name: 'Ignatius Brackenbury-Lowe' });
  });

  it('given a forgotten person, when forget-person runs again with --json, then exit 0 with the first erasure, replayed', async () => {
    const result = ledger([
      'forget-person',
      'contact-p1',
      '--reason',
      'Again',
      '--token',
      admin.token,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const [erasure] = (await read('p1')).erasures;
    expect(JSON.parse(result.stdout)).toMatchObject({
      stream: 'person-contact-p1',
      revision: 0,
      eventIds: [erasure?.eventId],
      replayed: true,
    });
  });
});
