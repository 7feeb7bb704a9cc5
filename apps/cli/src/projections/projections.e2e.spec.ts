import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import Database from 'better-sqlite3';
import { type NewEvent, openSqliteEventStore } from '@ledger/event-store';
import { type LedgerEvent, pence, streamName } from '@ledger/ledger-domain';
import type { ProjectionDescription, ProjectionOverview, RebuildResult } from '@ledger/projections';
import {
  lockOwner,
  openSqliteExclusiveWriter,
  type ReadStoreLockTables,
  tryAcquireLock,
} from '@ledger/read-store';

// nest-commander is CommonJS loading ESM Nest, which jest cannot host: the CLI runs as a real process.
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = join(REPO_ROOT, 'dist/apps/cli/src/main.js');
const INNOVATORS = 3;

jest.setTimeout(30_000);

const funder = { name: 'Illustrative Community Foundation', orgId: 'GB-CHC-1000001' };

/** A programme with a few innovators, each awarded a grant: events every read model handles. */
function ledgerEvents(): [string, LedgerEvent][] {
  const events: [string, LedgerEvent][] = [
    [
      streamName('programme', 'p1'),
      {
        type: 'ProgrammeLaunched',
        data: {
          ...{ programmeId: 'p1', name: 'Accelerator (illustrative)', funder, deliveryPartner: funder },
          ...{ challengeAreas: ['Digital skills'], startDate: '2017-08-01', endDate: '2018-09-30' },
          ...{ grantBudget: pence(10_000_000), currency: 'GBP', targets: { partnerships: 3 } },
        },
      },
    ],
  ];
  for (let n = 1; n <= INNOVATORS; n += 1) {
    const [innovatorId, grantId] = [`i${n}`, `g${n}`];
    const enrolled = {
      innovatorId,
      programmeId: 'p1',
      name: `Innovator ${n}`,
      challengeArea: 'Digital skills',
    };
    events.push([
      streamName('innovator', innovatorId),
      { type: 'InnovatorEnrolled', data: { ...enrolled, enrolledOn: '2017-08-15' } },
    ]);
    const award = {
      grantId,
      programmeId: 'p1',
      innovatorId,
      amount: pence(100_000 * n),
      currency: 'GBP' as const,
    };
    const more = {
      fundingOrganisation: funder,
      awardedOn: '2017-09-01',
      title: `Grant ${n}`,
      purpose: 'Scaling',
    };
    events.push([streamName('grant', grantId), { type: 'GrantAwarded', data: { ...award, ...more } }]);
  }
  return events;
}

function envelope(event: LedgerEvent): NewEvent {
  const metadata = {
    actor: { id: 'e2e', role: 'admin' },
    commandId: 'c',
    correlationId: 'c',
    causationId: 'c',
  };
  return {
    ...event,
    schemaVersion: 1,
    occurredAt: '2017-09-01T00:00:00.000Z',
    metadata: { ...metadata, source: 'cli' },
  };
}

describe('ledger projections (e2e, built CLI)', () => {
  let dataDir: string;
  let eventCount: number;

  const ledger = (...args: string[]) => {
    const result = spawnSync(process.execPath, [MAIN, 'projections', ...args], {
      env: { PATH: process.env['PATH'] ?? '', LEDGER_DATA_DIR: dataDir },
      encoding: 'utf8',
      timeout: 25_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const json = <T>(...args: string[]): T => JSON.parse(ledger(...args, '--json').stdout) as T;
  const jsonLines = (stdout: string) =>
    stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { type: string; results?: RebuildResult[] });

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the e2e tests`);
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-projections-'));
    const store = openSqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    const events = ledgerEvents();
    for (const [stream, event] of events) await store.appendToStream(stream, 'any', [envelope(event)]);
    eventCount = events.length;
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given the ledger, when projections list runs, then it shows every projection with the tables it owns', () => {
    const projections = json<ProjectionDescription[]>('list');

    expect(projections.map((p) => p.name)).toEqual([
      'grant-register',
      'audit-trail',
      'innovator-summary',
      'introduction-funnel',
      'programme-impact',
    ]);
    expect(projections[0]).toMatchObject({ version: 1, tables: ['grant_register'] });
  });

  it('given events never projected, when status runs, then every projection is behind the head and nothing is written', () => {
    const status = json<ProjectionOverview[]>('status');

    expect(status).toHaveLength(5);
    for (const projection of status) {
      expect(projection).toMatchObject({ headPosition: String(eventCount), upToDate: false });
      expect(projection.position).toBeUndefined();
    }
    expect(existsSync(join(dataDir, 'read.sqlite'))).toBe(false);
  });

  it('given stdout is not a terminal, when rebuild --all runs, then it prints JSON lines ending with every result a Success and exits 0', () => {
    const result = ledger('rebuild', '--all');

    expect(result.code).toBe(0);
    const lines = jsonLines(result.stdout);
    expect(lines.slice(0, -1).every((line) => line.type === 'progress')).toBe(true);
    expect(lines.at(-1)?.results).toEqual(
      json<ProjectionDescription[]>('list').map(({ name }) => ({
        ...{ name, status: 'Success', events: eventCount, ms: expect.any(Number) },
        position: String(eventCount),
      })),
    );
    expect(
      json<ProjectionOverview[]>('status').every((p) => p.upToDate && p.position === String(eventCount)),
    ).toBe(true);
    const read = new Database(join(dataDir, 'read.sqlite'), { readonly: true });
    expect(read.prepare('select grant_id from grant_register order by grant_id').all()).toEqual([
      { grant_id: 'g1' },
      { grant_id: 'g2' },
      { grant_id: 'g3' },
    ]);
    read.close();
  });

  it('given a projection another process is rebuilding, when rebuild runs for it, then it exits 1 naming the holder, with an Error result', async () => {
    const writer = openSqliteExclusiveWriter<ReadStoreLockTables>(join(dataDir, 'read.sqlite'));
    const owner = { ...lockOwner('elsewhere'), host: 'other-host' };
    const request = {
      name: 'projection:audit-trail',
      owner,
      purpose: 'rebuild',
      ttlMs: 60_000,
      now: new Date(),
    };
    await writer.write((trx) => tryAcquireLock(trx, request));
    writer.close();

    const result = ledger('rebuild', 'audit-trail');

    expect(result.code).toBe(1);
    expect(jsonLines(result.stdout).at(-1)?.results).toMatchObject([
      { name: 'audit-trail', status: 'Error', error: { code: 'REBUILD.ALREADY_RUNNING' } },
    ]);
    expect(result.stderr).toContain('already being rebuilt');
    expect(
      json<ProjectionOverview[]>('status').find((p) => p.name === 'audit-trail')?.rebuildingBy,
    ).toMatchObject({
      host: 'other-host',
    });
  });

  it('given a read-model row gone wrong, when replay runs as a dry run, then it shows old and new values side by side and writes nothing; without --dry-run it puts the row right', () => {
    const grant = (): unknown => {
      const read = new Database(join(dataDir, 'read.sqlite'), { readonly: true });
      try {
        return read.prepare("select amount_awarded, status from grant_register where grant_id = 'g2'").get();
      } finally {
        read.close();
      }
    };
    const write = new Database(join(dataDir, 'read.sqlite'));
    write
      .prepare("update grant_register set amount_awarded = 1, status = 'revoked' where grant_id = 'g2'")
      .run();
    write.close();

    const preview = ledger('replay', 'grant-register', '--from', '2', '--dry-run');

    expect(preview.code).toBe(0);
    expect(preview.stdout).toContain('1 row would change (dry run: nothing written)');
    expect(preview.stdout).toMatch(/grant_register {2}grant_id=g2 {2}changed\n/);
    expect(preview.stdout).toMatch(/amount_awarded +1 +200000\n/);
    expect(preview.stdout).toMatch(/status +revoked +awarded\n/);
    expect(grant()).toEqual({ amount_awarded: 1, status: 'revoked' });
    expect(ledger('replay', 'grant-register', '--from', '2').code).toBe(0);
    expect(grant()).toEqual({ amount_awarded: 200_000, status: 'awarded' });
    expect(ledger('replay', 'grant-register', '--from', 'last week').code).toBe(2);
  });

  it('given an unknown projection name, when rebuild runs, then it exits 2 naming the known ones and prints no result', () => {
    const result = ledger('rebuild', 'no-such-projection');

    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Unknown projection "no-such-projection"; known: grant-register');
  });

  it('given no name and no --all, when rebuild runs, then it exits 2', () => {
    expect(ledger('rebuild').code).toBe(2);
    expect(ledger('rebuild', 'audit-trail', '--all').code).toBe(2);
  });
});
