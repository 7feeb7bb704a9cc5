import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { type NewEvent, openSqliteEventStore } from '@ledger/event-store';
import {
  createGiving360Validator,
  type Giving360Package,
  loadGiving360SchemaFiles,
  parseGiving360Csv,
} from '@ledger/giving360';
import { type LedgerEvent, pence, streamName } from '@ledger/ledger-domain';

// nest-commander is CommonJS loading ESM Nest, which jest cannot host: the CLI runs as a real process.
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = join(REPO_ROOT, 'dist/apps/cli/src/main.js');
const SHIPPED = join(REPO_ROOT, '../shared/data/360giving');

jest.setTimeout(30_000);

const DCMS = { name: 'Department for Digital, Culture, Media and Sport', orgId: 'GB-GOR-D5' };
const NESTA = { name: 'Nesta', orgId: 'GB-CHC-1144091' };

const launched = (programmeId: string): [string, LedgerEvent] => [
  streamName('programme', programmeId),
  {
    type: 'ProgrammeLaunched',
    data: {
      ...{
        programmeId,
        name: `Accelerator ${programmeId} (illustrative)`,
        funder: DCMS,
        deliveryPartner: NESTA,
      },
      ...{ challengeAreas: ['Digital skills'], startDate: '2017-08-01', endDate: '2018-09-30' },
      ...{ grantBudget: pence(100_000_000), currency: 'GBP', targets: {} },
    },
  },
];

const enrolled = (programmeId: string, innovatorId: string, orgId?: string): [string, LedgerEvent] => [
  streamName('innovator', innovatorId),
  {
    type: 'InnovatorEnrolled',
    data: {
      ...{ innovatorId, programmeId, name: `Innovator ${innovatorId}`, challengeArea: 'Digital skills' },
      ...(orgId ? { orgId } : { registrationNumber: `REG-${innovatorId}` }),
      enrolledOn: '2017-08-15',
    },
  },
];

const awarded = (
  programmeId: string,
  innovatorId: string,
  grantId: string,
  amount: number,
): [string, LedgerEvent] => [
  streamName('grant', grantId),
  {
    type: 'GrantAwarded',
    data: {
      ...{ grantId, programmeId, innovatorId, amount: pence(amount), currency: 'GBP' as const },
      ...{
        fundingOrganisation: DCMS,
        awardedOn: '2017-09-01',
        title: `Grant ${grantId}`,
        purpose: 'Scaling',
      },
    },
  },
];

/** p1: an own grant, an imported one, a revoked and a voided one; p2: a recipient whose company number is wrong. */
const BEFORE_VOID: [string, LedgerEvent][] = [
  launched('p1'),
  enrolled('p1', 'i1'),
  enrolled('p1', 'i2', 'GB-CHC-1000001'),
  awarded('p1', 'i1', 'g1', 123_456),
  awarded('p1', 'i2', '360G-fundingproviders-000001', 152_505),
  awarded('p1', 'i2', 'g-revoked', 1_000_000),
  [
    streamName('grant', 'g-revoked'),
    { type: 'GrantRevoked', data: { grantId: 'g-revoked', revokedOn: '2017-10-01', reason: 'Stopped' } },
  ],
  awarded('p1', 'i1', 'g-voided', 500_000),
  launched('p2'),
  enrolled('p2', 'i3', 'GB-COH-123'),
  awarded('p2', 'i3', 'g3', 2_000_000),
];
const VOID: [string, LedgerEvent] = [
  streamName('grant', 'g-voided'),
  { type: 'GrantAwardVoided', data: { grantId: 'g-voided', reason: 'Recorded twice' } },
];

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

describe('ledger export 360giving (e2e, built CLI)', () => {
  let dataDir: string;
  const out = (file: string) => join(dataDir, file);
  const publishing = {
    LEDGER_360GIVING_PREFIX: 'example-cf',
    LEDGER_360GIVING_DATA_SOURCE: 'https://example.org/360giving/grants.json',
  };
  const ledger = (args: string[], env: Record<string, string> = publishing) => {
    const result = spawnSync(process.execPath, [MAIN, 'export', '360giving', ...args], {
      env: { PATH: process.env['PATH'] ?? '', LEDGER_DATA_DIR: dataDir, ...env },
      encoding: 'utf8',
      timeout: 25_000,
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const packageIn = (file: string) => JSON.parse(readFileSync(out(file), 'utf8')) as Giving360Package;
  const validator = () =>
    createGiving360Validator(loadGiving360SchemaFiles(existsSync(SHIPPED) ? SHIPPED : undefined));

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the e2e tests`);
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-cli-export-'));
    const store = openSqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    for (const [stream, event] of [...BEFORE_VOID, VOID]) {
      await store.appendToStream(stream, 'any', [envelope(event)]);
    }
    await store.close();
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given a programme, when exported as JSON, then it exits 0 and writes a valid package: voided grants out, revoked in, imported ids kept', () => {
    const result = ledger(['--programme', 'p1', '--out', out('p1.json')]);

    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `360Giving export of p1 at ledger position 12: 3 grant(s) written to ${out('p1.json')}\n`,
    );
    const pkg = packageIn('p1.json');
    expect(validator().validatePackage(pkg)).toEqual([]);
    expect(pkg.grants.map((g) => [g.id, g.amountAwarded, g.recipientOrganization?.[0]?.id])).toEqual([
      ['360G-fundingproviders-000001', 1525.05, 'GB-CHC-1000001'],
      ['360G-example-cf-g-revoked', 10_000, 'GB-CHC-1000001'],
      ['360G-example-cf-g1', 1234.56, '360G-example-cf-innovator-i1'],
    ]);
    expect(pkg.grants.every((g) => g.dataSource === 'https://example.org/360giving/grants.json')).toBe(true);
  });

  it('given a past position, when exported as at it, then the grant voided later is still there', () => {
    const result = ledger([
      '--programme',
      'p1',
      '--as-at',
      String(BEFORE_VOID.length),
      '--out',
      out('past.json'),
    ]);

    expect(result.code).toBe(0);
    expect(packageIn('past.json').grants.map((g) => g.id)).toContain('360G-example-cf-g-voided');
  });

  it('given a grant a quality check catches, when exported, then the file is written, the finding listed, and the exit code is 1 unless findings are allowed', () => {
    const refused = ledger(['--programme', 'p2', '--format', 'csv', '--out', out('p2.csv')]);

    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      '  360G-example-cf-g3  company-number  Recipient Org:Identifier GB-COH-123: "123" is not 8 characters\n',
    );
    expect(refused.stderr).toContain('1 quality finding(s): the file is written for review');
    expect(parseGiving360Csv(readFileSync(out('p2.csv'), 'utf8'))).toHaveLength(1);

    const allowed = ledger([
      '--programme',
      'p2',
      '--format',
      'csv',
      '--out',
      out('p2.csv'),
      '--allow-findings',
    ]);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toContain('company-number');
  });

  it('given --all as CSV, when exported, then the standard’s titles head it and it parses back to the JSON export’s grants', () => {
    expect(ledger(['--all', '--out', out('all.json'), '--allow-findings']).code).toBe(0);
    const result = ledger(['--all', '--format', 'csv', '--out', out('all.csv'), '--allow-findings']);

    expect(result.code).toBe(0);
    const csv = readFileSync(out('all.csv'), 'utf8');
    expect(csv.split('\n')[0]).toMatch(
      /^Identifier,Title,Description,Currency,Amount Awarded,Amount Disbursed,Award Date,/,
    );
    expect(parseGiving360Csv(csv)).toEqual(packageIn('all.json').grants);
    expect(packageIn('all.json').grants).toHaveLength(4);
  });

  it('given a wrong invocation, when run, then it exits 2 naming the problem and writes nothing', () => {
    const cases: [string[], Record<string, string>, string][] = [
      [['--out', out('x.json')], publishing, 'Give either --programme ID or --all'],
      [
        ['--all', '--programme', 'p1', '--out', out('x.json')],
        publishing,
        'Give either --programme ID or --all',
      ],
      [['--all', '--out', out('x.json')], {}, 'LEDGER_360GIVING_PREFIX'],
      [['--all', '--out', out('x.json'), '--prefix', 'example-cf'], {}, 'LEDGER_360GIVING_DATA_SOURCE'],
      [['--all', '--out', out('x.json'), '--format', 'xml'], publishing, '--format must be one of json, csv'],
      [
        ['--all', '--out', out('x.json'), '--prefix', '360G-x'],
        publishing,
        '--prefix must be a 360Giving prefix',
      ],
      [['--all'], publishing, "required option '-o, --out <file>' not specified"],
    ];
    for (const [args, env, message] of cases) {
      const result = ledger(args, env);
      expect({ args, code: result.code, message: result.stderr.includes(message) }).toEqual({
        args,
        code: 2,
        message: true,
      });
    }
    expect(existsSync(out('x.json'))).toBe(false);
  });

  it('given an unknown programme, when exported, then it exits 1 saying so', () => {
    const result = ledger(['--programme', 'nope', '--out', out('nope.json')]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No programme nope in the ledger');
  });
});
