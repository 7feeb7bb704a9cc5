import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { SqliteTokenStore } from '@ledger/auth';
import type { RecordedEvent } from '@ledger/event-store';
import type { ImpactReport } from '@ledger/reporting';
// The api's own test helpers: the demo ledger, and the built api as a process.
import { startApiProcess } from '../../../api/src/testing/api-process.js';
import { startDemoLedger } from '../../../api/src/testing/demo-ledger.js';
import type { Tokens } from '../../../api/src/testing/test-ledger.js';
import type { BackupManifest } from './backup-manifest.js';
import { readTar } from './tar.js';

// nest-commander is CommonJS loading ESM Nest, which jest cannot host: the CLI runs as a real process.
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const MAIN = join(REPO_ROOT, 'dist/apps/cli/src/main.js');
const PROGRAMME = 'iep-2017';
/** Clients writing at once while the backup runs. */
const WRITERS = 8;

jest.setTimeout(60_000);

interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The built CLI as a process, without blocking this one: the clients keep writing meanwhile. A clean
 * environment, so that variables of the machine running the tests cannot leak in.
 */
function ledger(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let [stdout, stderr] = ['', ''];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The report's figures: everything but its seal, which each ledger makes when it is first asked. */
const figures = ({ seal: _seal, ...rest }: ImpactReport) => rest;
/** Every file under a folder, with its bytes, to show that nothing was written. */
const contents = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .sort()
        .map((name) => [name, readFileSync(join(dir, name), { flag: 'r' }).length])
    : [];

/** An acknowledged command: its position, when it was acknowledged, and the partner it registered. */
interface Ack {
  readonly position: number;
  readonly during: boolean;
  readonly partner?: { readonly id: string; readonly contact: string };
}

describe('ledger backup and restore (e2e: the built CLI beside the api process)', () => {
  const work = mkdtempSync(join(tmpdir(), 'ledger-backup-'));
  const archive = join(work, 'ledger.tar');
  const restored = join(work, 'restored');
  let source: string;
  let tokens: Tokens;
  let backup: CliRun;
  let acks: Ack[] = [];
  let ackedBefore = 0;

  /** One client: commands one after another until told to stop, each acknowledged one noted. */
  async function client(url: string, n: number, running: () => 'before' | 'during' | 'after' | 'stop') {
    const innovator = `iep-innovator-${String(n + 1).padStart(2, '0')}`;
    for (let i = 0; running() !== 'stop'; i += 1) {
      const partnerId = `backup-partner-${n}-${i}`;
      const contact = `Contact ${n}-${i} (fictitious)`;
      const [path, body] =
        i % 2 === 0
          ? [
              `/innovators/${innovator}/income`,
              {
                amountPence: 1000 + i,
                periodStart: '2018-03-01',
                periodEnd: '2018-09-30',
                source: 'earned',
                attributableToProgramme: true,
              },
            ]
          : [
              '/partners',
              {
                partnerId,
                name: `Partner ${partnerId}`,
                sector: 'business',
                contactPerson: { name: contact },
              },
            ];
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${tokens['programme-manager']}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify(body),
      });
      const { position } = (await res.json()) as { position?: string };
      if (res.status !== 201) throw new Error(`${path} answered ${res.status}`);
      const state = running();
      if (state === 'before') ackedBefore = Math.max(ackedBefore, Number(position));
      acks.push({
        position: Number(position),
        during: state === 'during',
        ...(i % 2 === 1 ? { partner: { id: partnerId, contact } } : {}),
      });
    }
  }

  beforeAll(async () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` before the e2e tests`);
    const demo = await startDemoLedger();
    source = demo.config.dataDir;
    tokens = demo.tokens;
    await demo.app.close();

    const api = await startApiProcess(source);
    let state: 'before' | 'during' | 'after' | 'stop' = 'before';
    const clients = Array.from({ length: WRITERS }, (_, n) => client(api.url, n, () => state));
    try {
      await sleep(300);
      state = 'during';
      backup = await ledger(['backup', archive, '--json'], { LEDGER_DATA_DIR: source });
      state = 'after';
      await sleep(200);
    } finally {
      state = 'stop';
      await Promise.allSettled(clients);
      await api.kill('SIGTERM');
    }
    await Promise.all(clients);
  }, 60_000);
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    if (source) rmSync(source, { recursive: true, force: true });
    acks = [];
  });

  /** The manifest, read back from the archive. */
  const manifestOf = (file: string): BackupManifest => {
    for (const entry of readTar(file)) {
      return JSON.parse(Buffer.concat([...entry.chunks()]).toString('utf8')) as BackupManifest;
    }
    throw new Error(`${file} is empty`);
  };

  it('given the api running and clients writing commands continuously, when backed up, then it exits 0, and the archive holds the four stores up to a position written during the backup', () => {
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const summary = JSON.parse(backup.stdout) as Record<string, unknown>;
    const manifest = manifestOf(archive);
    process.stdout.write(
      `backup: ${manifest.events} events up to position ${manifest.position} in ${String(summary['milliseconds'])} ms, ` +
        `${acks.filter((a) => a.during).length} commands acknowledged while it ran\n`,
    );

    expect(summary).toEqual({
      file: archive,
      format: 'programme-ledger-backup/1',
      createdAt: manifest.createdAt,
      files: manifest.files,
      bytes: readFileSync(archive).length,
      events: manifest.events,
      position: manifest.position,
      milliseconds: expect.any(Number),
    });
    expect(manifest.files.map((f) => f.name)).toEqual([
      'read.sqlite',
      'events.sqlite',
      'keys.sqlite',
      'auth.sqlite',
    ]);
    expect(manifest.events).toBe(Number(manifest.position));
    // Commands were acknowledged on both sides of the copy while the backup ran.
    const position = Number(manifest.position);
    expect(position).toBeGreaterThan(ackedBefore);
    expect(acks.some((a) => a.during && a.position <= position)).toBe(true);
    expect(acks.some((a) => a.during && a.position > position)).toBe(true);
    expect(existsSync(`${archive}.partial`)).toBe(false);
    expect(readdirSync(work)).toEqual(['ledger.tar']);
  });

  it('given the backup, when restored into an empty folder, then verify exits 0 and the impact report has the figures the source had at the backed-up position', async () => {
    const { position } = manifestOf(archive);
    const report = ['report', 'impact', '--programme', PROGRAMME, '--format', 'json'];
    // The source's report as at the backed-up position is computed meanwhile (it replays the log).
    const then = ledger([...report, '--as-at', String(position)], { LEDGER_DATA_DIR: source });
    mkdirSync(restored);

    const restore = await ledger(['restore', archive], { LEDGER_DATA_DIR: restored });

    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(
      new RegExp(
        `^restore: 4 files, ${position} events up to position ${position}, from the backup made at `,
      ),
    );
    expect(restore.stdout).toContain(`→ ${join(restored, 'events.sqlite')}`);
    expect(readdirSync(restored).sort()).toEqual([
      'auth.sqlite',
      'events.sqlite',
      'keys.sqlite',
      'read.sqlite',
    ]);
    const verify = await ledger(['verify'], { LEDGER_DATA_DIR: restored });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(new RegExp(`^verify: ${position} events, `));

    const now = await ledger(report, { LEDGER_DATA_DIR: restored });
    expect([(await then).code, now.code]).toEqual([0, 0]);
    const [sourceReport, restoredReport] = [await then, now].map(
      ({ stdout }) => JSON.parse(stdout) as ImpactReport,
    ) as [ImpactReport, ImpactReport];
    expect(restoredReport.ledgerPosition).toBe(position);
    expect(figures(restoredReport)).toEqual(figures(sourceReport));
  });

  it('given the restored ledger, when started as an api, then it serves the same tokens, and each contact person recorded up to the backed-up position can be read (their keys came along)', async () => {
    const position = Number(manifestOf(archive).position);
    const api = await startApiProcess(restored);
    try {
      const get = (path: string, token = tokens.auditor) =>
        fetch(`${api.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });

      const report = await get(`/programmes/${PROGRAMME}/reports/impact?format=json&asAt=${position}`);
      expect(report.status).toBe(200);
      expect(((await report.json()) as ImpactReport).ledgerPosition).toBe(String(position));
      expect((await get(`/programmes/${PROGRAMME}/reports/impact`, 'plt_not-a-token')).status).toBe(401);

      const partners = acks.filter((a) => a.partner !== undefined);
      const kept = partners.filter((a) => a.position <= position).slice(-5);
      const after = partners.filter((a) => a.position > position).slice(0, 3);
      expect(kept.length).toBeGreaterThan(0);
      for (const { partner } of kept) {
        const res = await get(`/streams/partner-${partner?.id}`);
        const [event] = ((await res.json()) as { events: RecordedEvent[] }).events;
        expect((event?.data as { contactPerson: unknown }).contactPerson).toMatchObject({
          name: partner?.contact,
        });
      }
      for (const { partner } of after)
        expect((await get(`/streams/partner-${partner?.id}`)).status).toBe(404);
    } finally {
      await api.kill('SIGTERM');
    }
  });

  it('given a folder that holds a store file, when restored into, then it exits 1 naming the file, and writes nothing', async () => {
    const dir = join(work, 'taken');
    const tokenStore = new SqliteTokenStore(join(dir, 'auth.sqlite'));
    tokenStore.create({ name: 'already-here', role: 'auditor' });
    tokenStore.close();
    const before = contents(dir);

    const result = await ledger(['restore', archive], { LEDGER_DATA_DIR: dir });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `Restore writes only where the ledger has no store yet, and found ${join(dir, 'auth.sqlite')}: give an empty LEDGER_DATA_DIR (and LEDGER_KEY_STORE_FILE); nothing was restored\n`,
    );
    expect(contents(dir)).toEqual(before);
  });

  it('given an archive with one byte flipped inside events.sqlite, when restored, then it exits 1 naming the damaged file, and leaves no file nor folder', async () => {
    const damaged = join(work, 'damaged.tar');
    copyFileSync(archive, damaged);
    const events = [...readTar(damaged)].find((entry) => entry.name === 'events.sqlite');
    const bytes = readFileSync(damaged);
    const at = (events?.offset ?? 0) + Math.floor((events?.size ?? 0) / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    writeFileSync(damaged, bytes);
    const dir = join(work, 'from-damaged', 'data');

    const result = await ledger(['restore', damaged], { LEDGER_DATA_DIR: dir });

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${damaged} cannot be restored: events.sqlite is damaged: its SHA-256 is `,
    );
    expect(result.stderr).toMatch(/, its manifest says [0-9a-f]{64}; nothing was restored\n$/);
    expect(existsSync(join(work, 'from-damaged'))).toBe(false);
  });

  it('given keys kept outside the data folder (LEDGER_KEY_STORE_FILE), when restored, then keys.sqlite goes there and the rest into the data folder', async () => {
    const [dir, keys] = [join(work, 'split', 'data'), join(work, 'split', 'keys', 'people.sqlite')];

    const result = await ledger(['restore', archive, '--json'], {
      LEDGER_DATA_DIR: dir,
      LEDGER_KEY_STORE_FILE: keys,
    });

    expect(result.code).toBe(0);
    const files = (JSON.parse(result.stdout) as { files: { name: string; path: string }[] }).files;
    expect(Object.fromEntries(files.map((f) => [f.name, f.path]))).toEqual({
      'read.sqlite': join(dir, 'read.sqlite'),
      'events.sqlite': join(dir, 'events.sqlite'),
      'keys.sqlite': keys,
      'auth.sqlite': join(dir, 'auth.sqlite'),
    });
    expect(readdirSync(dir).sort()).toEqual(['auth.sqlite', 'events.sqlite', 'read.sqlite']);
    expect(readdirSync(join(work, 'split', 'keys'))).toEqual(['people.sqlite']);
  });

  it('given an existing file, when backed up to it, then it exits 1 naming it and leaves it as it was', async () => {
    const result = await ledger(['backup', archive], { LEDGER_DATA_DIR: restored });

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`${archive} exists: a backup never overwrites a file\n`);
    expect(manifestOf(archive).files).toHaveLength(4);
  });

  it('given a PostgreSQL read store, when backed up, then it exits 2 saying it copies the embedded store only', async () => {
    const result = await ledger(['backup', join(work, 'other.tar')], {
      LEDGER_DATA_DIR: restored,
      LEDGER_READ_STORE: 'postgres',
      DATABASE_URL: 'postgres://ledger@127.0.0.1:1/ledger',
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('backup copies the embedded SQLite store only');
    expect(existsSync(join(work, 'other.tar'))).toBe(false);
  });
});
