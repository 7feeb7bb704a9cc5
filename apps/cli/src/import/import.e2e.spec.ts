import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { loadConfig } from '@ledger/config';
import type { EventStore, RecordedEvent } from '@ledger/event-store';
import {
  createGiving360Validator,
  type Giving360Package,
  type ImportResult,
  loadGiving360SchemaFiles,
} from '@ledger/giving360';
import type { GrantAwarded } from '@ledger/ledger-domain';
import { ALL_PROJECTIONS, type GrantRegisterTables, listGrants, ProjectionRunner } from '@ledger/projections';
import { openEventStore, openReadStore } from '@ledger/stores';

// nest-commander is CommonJS loading ESM Nest, which jest cannot host: the CLI runs as a real process.
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = join(REPO_ROOT, 'dist/apps/cli/src/main.js');
// The published files, as shipped beside the repository or (on a clean clone) their copies in it.
const BESIDE = join(REPO_ROOT, '../shared/data/360giving/grants');
const GRANTS = existsSync(BESIDE) ? BESIDE : join(REPO_ROOT, 'libs/giving360/schema/grants');
const ABCT = join(GRANTS, 'a-b-charitable-trust.json');

jest.setTimeout(120_000);

type Output = { type: 'progress'; done: number; total: number } | ({ type: 'result' } & ImportResult);

function importFile(dataDir: string, file: string) {
  const run = spawnSync(process.execPath, [MAIN, 'import', '360giving', file], {
    env: { PATH: process.env['PATH'] ?? '', LEDGER_DATA_DIR: dataDir },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const lines = run.stdout
    .trimEnd()
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Output);
  const result = lines.at(-1);
  if (result?.type !== 'result') throw new Error(`No result line. stderr: ${run.stderr}`);
  return { code: run.status, lines, result, stderr: run.stderr };
}

async function withLedger<T>(dataDir: string, work: (events: EventStore) => Promise<T>): Promise<T> {
  const events = openEventStore(loadConfig({ LEDGER_DATA_DIR: dataDir }));
  try {
    return await work(events);
  } finally {
    await events.close();
  }
}

async function everyEvent(events: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let page = await events.readAll(); page.length > 0;) {
    all.push(...page);
    page = await events.readAll({ after: page.at(-1)?.globalPosition, maxCount: 1000 });
  }
  return all;
}

const awards = (events: readonly RecordedEvent[]) =>
  events.filter((e) => e.type === 'GrantAwarded').map((e) => e.data as GrantAwarded['data']);

describe('ledger import 360giving (e2e, built CLI)', () => {
  const dataDirs: string[] = [];
  const freshDataDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-cli-import-'));
    dataDirs.push(dir);
    return dir;
  };

  beforeAll(() => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the e2e tests`);
  });
  afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  describe('given the A B Charitable Trust file (783 grants)', () => {
    const file = JSON.parse(readFileSync(ABCT, 'utf8')) as {
      grants: { id: string; amountAwarded: number }[];
    };
    // Worked out here on its own: pounds to pence by rounding, which is exact for at most 2 decimals.
    const fileIds = file.grants.map((grant) => grant.id).sort();
    const fileTotalPence = file.grants.reduce((sum, grant) => sum + Math.round(grant.amountAwarded * 100), 0);
    let dataDir: string;
    let first: ReturnType<typeof importFile>;

    beforeAll(() => {
      dataDir = freshDataDir();
      first = importFile(dataDir, ABCT);
    });

    it('when imported into a fresh ledger, then every grant loads and exit code is 0', () => {
      expect(fileIds).toHaveLength(783);
      expect(fileTotalPence).toBe(1_278_562_500);
      expect(first.code).toBe(0);
      expect(first.result).toMatchObject({
        read: 783,
        loaded: 783,
        alreadyThere: 0,
        invalid: [],
        refused: [],
      });
      expect(first.lines.filter((l) => l.type === 'progress').at(-1)).toMatchObject({
        done: 783,
        total: 783,
      });
      expect(first.result.programmes.map((p) => [p.programmeId, p.status, p.grantBudget])).toEqual([
        ['GB-CHC-1000147:special-initiatives', 'launched', 300_200_000],
        ['GB-CHC-1000147:anchor', 'launched', 52_000_000],
        ['GB-CHC-1000147:open-programme', 'launched', 925_862_500],
        ['GB-CHC-1000147:delegated-authority', 'launched', 500_000],
      ]);
    });

    it('then the log holds 783 GrantAwarded events with the file’s ids and exactly its total in pence, recorded by the import principal', async () => {
      const events = await withLedger(dataDir, everyEvent);
      const awarded = awards(events);

      expect(awarded).toHaveLength(783);
      expect(awarded.reduce((sum, grant) => sum + grant.amount, 0)).toBe(fileTotalPence);
      expect(awarded.map((grant) => grant.grantId).sort()).toEqual(fileIds);
      expect(new Set(events.map((e) => `${e.metadata.actor.id} ${e.metadata.source}`))).toEqual(
        new Set(['360giving-import import']),
      );
      const budgets = events.filter((e) => e.type === 'ProgrammeLaunched');
      expect(budgets.reduce((sum, e) => sum + (e.data as { grantBudget: number }).grantBudget, 0)).toBe(
        fileTotalPence,
      );
    });

    it('then the grant register, projected from the log, holds 783 grants and the same total', async () => {
      const config = loadConfig({ LEDGER_DATA_DIR: dataDir });
      const readStore = openReadStore<GrantRegisterTables>(config);
      await withLedger(dataDir, async (events) => {
        const logger = { log: () => undefined, error: (message: string) => process.stderr.write(message) };
        const runner = new ProjectionRunner(events, readStore, ALL_PROJECTIONS, { logger });
        await runner.start();
        const head = await events.headPosition();
        try {
          expect(head && (await runner.waitFor(head, ['grant-register'], 60_000))).toBe(true);
        } finally {
          await runner.stop();
        }
      });
      const entries = [];
      for (let offset = 0; offset < 783; offset += 500) {
        entries.push(...(await listGrants(readStore.db, { limit: 500, offset })).items);
      }
      await readStore.close();

      expect(entries).toHaveLength(783);
      expect(entries.reduce((sum, grant) => sum + grant.amountAwarded, 0)).toBe(fileTotalPence);
      expect(entries.map((grant) => grant.grantId).sort()).toEqual(fileIds);
    });

    it('when exported again, then the package validates and gives back every original id and amount', () => {
      const out = join(dataDir, 'abct-export.json');
      const exported = spawnSync(
        process.execPath,
        [MAIN, 'export', '360giving', '--all', '--format', 'json', '--out', out],
        {
          env: {
            PATH: process.env['PATH'] ?? '',
            LEDGER_DATA_DIR: dataDir,
            LEDGER_360GIVING_PREFIX: 'ledger-test',
            LEDGER_360GIVING_DATA_SOURCE: 'https://example.org/360giving/abct.json',
          },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      const pkg = JSON.parse(readFileSync(out, 'utf8')) as Giving360Package;
      const byId = new Map(file.grants.map((grant) => [grant.id, grant.amountAwarded]));

      expect({ code: exported.status, stderr: exported.stderr }).toMatchObject({ code: 0 });
      expect(createGiving360Validator(loadGiving360SchemaFiles()).validatePackage(pkg)).toEqual([]);
      expect(pkg.grants.map((grant) => grant.id).sort()).toEqual(fileIds);
      expect(pkg.grants.filter((grant) => grant.amountAwarded !== byId.get(grant.id))).toEqual([]);
    });

    it('when imported again, then nothing is written: the log keeps its length and every grant is already there', async () => {
      const before = (await withLedger(dataDir, everyEvent)).length;

      const again = importFile(dataDir, ABCT);

      expect(again.code).toBe(0);
      expect(again.result).toMatchObject({ loaded: 0, alreadyThere: 783, eventsWritten: 0, refused: [] });
      expect(again.result.programmes.every((p) => p.status === 'unchanged')).toBe(true);
      expect((await withLedger(dataDir, everyEvent)).length).toBe(before);
    });
  });

  it('given invalid-fixture.json, when imported, then each of its 4 grants is listed with exactly what is wrong with it, nothing is written and exit code is 1', async () => {
    const dataDir = freshDataDir();
    const id1 = '360G-fundingproviders-000001/X/00/X';
    const id2 = '360G-fundingproviders-000002/X/00/X';
    const idProblems = (id: string) => [
      { code: 'ID.DUPLICATE', message: `id ${id} is the id of 2 grants of the file` },
      {
        code: 'ID.NOT_A_LEDGER_ID',
        message: `id ${id} is not a ledger id (letters, digits and ._:- only, at most 128)`,
      },
      { code: 'FIELD.REQUIRED', message: 'description is required' },
      {
        code: 'AWARD_DATE.NOT_ISO_8601',
        message: 'awardDate "24/07/2014" is not an ISO 8601 date (YYYY-MM-DD, or a date-time)',
      },
    ];

    const run = importFile(dataDir, join(GRANTS, 'invalid-fixture.json'));

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('4 of 4 grants were not loaded (4 invalid, 0 refused by the ledger)');
    expect(run.result).toMatchObject({ read: 4, loaded: 0, refused: [], programmes: [], eventsWritten: 0 });
    expect(run.result.invalid).toEqual([
      {
        id: id1,
        position: 1,
        problems: [
          ...idProblems(id1),
          { code: 'FIELD.REQUIRED', message: 'recipientOrganization[0].id is required' },
        ],
      },
      {
        id: id1,
        position: 2,
        problems: [
          ...idProblems(id1),
          {
            code: 'ORG_ID.UNRECOGNISED',
            message:
              'recipientOrganization[0].id RUBBISH-COH-RC000000 is not an org-id (a list code of org-id.guide such as GB-CHC-, or 360G-)',
          },
        ],
      },
      { id: id2, position: 3, problems: idProblems(id2) },
      { id: id2, position: 4, problems: idProblems(id2) },
    ]);
    expect(await withLedger(dataDir, everyEvent)).toEqual([]);
  });

  describe('given fixture.csv (the standard’s column titles)', () => {
    const fixture = join(GRANTS, 'fixture.csv');

    it('when imported, then its two grants are read through the CSV columns and each is listed with what is wrong with it', () => {
      const run = importFile(freshDataDir(), fixture);

      expect(run.code).toBe(1);
      expect(run.result.read).toBe(2);
      expect(run.result.invalid.map((g) => [g.id, g.problems.map((p) => p.code)])).toEqual([
        [
          '360G-fundingprovidersuk-000001/X/00/X',
          ['ID.NOT_A_LEDGER_ID', 'FIELD.REQUIRED', 'AWARD_DATE.NOT_ISO_8601', 'FIELD.REQUIRED'],
        ],
        [
          '360G-fundingprovidersuk-000002/X/00/X',
          ['ID.NOT_A_LEDGER_ID', 'FIELD.REQUIRED', 'AWARD_DATE.NOT_ISO_8601'],
        ],
      ]);
      expect(run.result.invalid[0]?.problems.map((p) => p.message)).toContain(
        'recipientOrganization[0].id is required',
      );
    });

    it('when its ids, dates and descriptions are put right, then the grant with a recipient org-id loads with its exact amount and the other is still listed', async () => {
      const dataDir = freshDataDir();
      const rows = parse<Record<string, string>>(readFileSync(fixture, 'utf8'), { columns: true });
      const fixed = rows.map((row) => ({
        ...row,
        Identifier: (row['Identifier'] ?? '').replaceAll('/', '-'),
        'Award Date': '2014-07-24',
        Description: `Description of ${row['Title']}`,
      }));
      const file = join(dataDir, 'fixed.csv');
      writeFileSync(file, stringify(fixed, { header: true }));

      const run = importFile(dataDir, file);

      expect(run.code).toBe(1);
      expect(run.result).toMatchObject({ read: 2, loaded: 1, refused: [] });
      expect(run.result.invalid).toEqual([
        {
          id: '360G-fundingprovidersuk-000001-X-00-X',
          position: 1,
          problems: [{ code: 'FIELD.REQUIRED', message: 'recipientOrganization[0].id is required' }],
        },
      ]);
      const awarded = awards(await withLedger(dataDir, everyEvent));
      expect(awarded).toEqual([
        {
          grantId: '360G-fundingprovidersuk-000002-X-00-X',
          programmeId: 'GB-CHC-000000:aac',
          innovatorId: 'GB-CHC-000000:aac:GB-COH-RC000000',
          amount: 17_899_000,
          currency: 'GBP',
          fundingOrganisation: { name: 'Funding Providers UK', orgId: 'GB-CHC-000000' },
          awardedOn: '2014-07-24',
          title: 'Title B',
          purpose: 'Description of Title B',
        },
      ]);
    });
  });
});
