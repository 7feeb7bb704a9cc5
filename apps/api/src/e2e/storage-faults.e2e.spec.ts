import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteTokenStore } from '@ledger/auth';
import { loadConfig } from '@ledger/config';
import { openSqliteEventStore } from '@ledger/event-store';
import { type ApiProcess, startApiProcess } from '../testing/api-process.js';
import { readEverything } from '../testing/test-ledger.js';
import {
  API_MAIN,
  CLI_MAIN,
  eventCount,
  type Finished,
  fingerprint,
  integrity,
  largestFileBytes,
  linesOf,
  makeReadOnly,
  makeWritable,
  runToExit,
  setFileSizeLimit,
} from './storage-faults/storage-faults.harness.js';

const GRANTS_FILE = join(process.cwd(), 'libs/giving360/schema/grants/a-b-charitable-trust.json');
/** Room left above the largest file when the disk "fills": a few commands' worth of WAL frames. */
const HEADROOM_BYTES = 64 * 1024;

const INTACT = { 'auth.sqlite': 'ok', 'events.sqlite': 'ok', 'keys.sqlite': 'ok', 'read.sqlite': 'ok' };

const partner = (partnerId: string) =>
  JSON.stringify({ partnerId, name: `Illustrative partner ${partnerId}`, sector: 'business' });

/** The ledger said, in one line and without a stack, that it cannot write here and why. */
function expectOneClearLine(run: Finished, says: RegExp, names: string): void {
  const lines = linesOf(run.stderr);
  expect({ code: run.code, signal: run.signal }).toEqual({ code: 1, signal: null });
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(says);
  expect(lines[0]).toContain(names);
  expect(run.stderr).not.toMatch(/Unexpected error|\n\s+at /);
}

/**
 * A full disk or a read-only data folder yields a clear error and a non-zero exit, never a corrupted
 * file. Full disks are a file-size limit (RLIMIT_FSIZE); read-only folders are chmod, with the ledger
 * run as nobody when the tests run as root (root ignores permissions).
 */
describe('storage faults: full disk, read-only data folder', () => {
  const root = mkdtempSync(join(tmpdir(), 'ledger-storage-'));
  /** A ledger the api made, stopped cleanly: four SQLite files, three partners, a token. */
  const template = join(root, 'template');
  let token = '';
  let copies = 0;

  /** A fresh copy of the template ledger (or an empty folder) to spoil. */
  const ledgerCopy = (empty = false): string => {
    const dir = join(root, `ledger-${(copies += 1)}`);
    if (empty) mkdirSync(dir);
    else cpSync(template, dir, { recursive: true });
    return dir;
  };
  const post = (api: ApiProcess, partnerId: string) =>
    fetch(`${api.url}/partners`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: partner(partnerId),
    });

  beforeAll(async () => {
    if (!existsSync(API_MAIN) || !existsSync(CLI_MAIN)) throw new Error('run `npm run build` first');
    // mkdtemp makes it 0700: nobody must reach the ledgers inside to meet their own permissions.
    chmodSync(root, 0o755);
    const tokens = new SqliteTokenStore(loadConfig({ LEDGER_DATA_DIR: template }).authFile);
    ({ token } = tokens.create({ name: 'storage-faults', role: 'programme-manager' }));
    tokens.close();
    const api = await startApiProcess(template);
    for (const id of ['t1', 't2', 't3']) expect((await post(api, id)).status).toBe(201);
    await api.kill('SIGTERM');
    expect(await api.exit).toEqual({ code: 0, signal: null });
  }, 30_000);

  afterAll(() => {
    for (const name of readdirSync(root)) makeWritable(join(root, name));
    rmSync(root, { recursive: true, force: true });
  });

  it('given an existing ledger whose folder is read-only, when the api starts or a CLI command writes, then each exits 1 with one line saying the folder is not writable, and no file changed', async () => {
    const dir = ledgerCopy();
    const events = eventCount(dir);
    makeReadOnly(dir);
    const before = fingerprint(dir);

    const [api, seal, tokenCreate] = await Promise.all([
      runToExit(API_MAIN, [], { dataDir: dir, unprivileged: true }),
      runToExit(CLI_MAIN, ['seal'], { dataDir: dir, unprivileged: true }),
      runToExit(CLI_MAIN, ['token', 'create', '--name', 'late', '--role', 'auditor'], {
        dataDir: dir,
        unprivileged: true,
      }),
    ]);

    expectOneClearLine(api, /^Programme Ledger failed to start: .* is not writable by this process/, dir);
    expect(api.ms).toBeLessThan(10_000);
    expectOneClearLine(seal, /is not writable by this process/, dir);
    expectOneClearLine(tokenCreate, /is not writable by this process/, dir);
    expect(tokenCreate.stdout).toBe('');
    expect(fingerprint(dir)).toEqual(before);
    makeWritable(dir);
    expect(integrity(dir)).toEqual(INTACT);
    expect(eventCount(dir)).toBe(events);
  }, 30_000);

  it('given a fresh empty folder that is read-only, when the api starts or token create runs, then each exits 1 naming the folder, and nothing is created', async () => {
    const dir = ledgerCopy(true);
    makeReadOnly(dir);

    const [api, tokenCreate] = await Promise.all([
      runToExit(API_MAIN, [], { dataDir: dir, unprivileged: true }),
      runToExit(CLI_MAIN, ['token', 'create', '--name', 'first', '--role', 'admin'], {
        dataDir: dir,
        unprivileged: true,
      }),
    ]);

    expectOneClearLine(api, /^Programme Ledger failed to start: The data folder .* is not writable/, dir);
    expectOneClearLine(tokenCreate, /^The data folder .* is not writable by this process/, dir);
    expect(readdirSync(dir)).toEqual([]);
  }, 30_000);

  it('given a running api whose disk fills up, when commands keep coming, then the refused ones get 507 STORE.DISK_FULL, reads still answer, every acknowledged event is in the log once and no refused one is, and writes resume once there is room', async () => {
    const dir = ledgerCopy();
    let api = await startApiProcess(dir);
    setFileSizeLimit(api.child.pid, largestFileBytes(dir) + HEADROOM_BYTES);
    const acknowledged = new Map<string, string>(); // event id -> partner id
    const refused: string[] = [];
    const otherAnswers: string[] = [];
    let sent = 0;
    const worker = async (w: number) => {
      while (refused.length < 8 && sent < 400) {
        const partnerId = `w${w}-${(sent += 1)}`;
        const res = await post(api, partnerId);
        const body = await res.text();
        if (res.status === 201) {
          acknowledged.set((JSON.parse(body) as { eventIds: string[] }).eventIds[0] ?? '', partnerId);
        } else if (res.status === 507) {
          refused.push(partnerId);
          expect(res.headers.get('content-type')).toContain('application/problem+json');
          expect(JSON.parse(body)).toEqual({
            type: 'urn:programme-ledger:problem:STORE.DISK_FULL',
            title: 'The disk is full',
            status: 507,
            code: 'STORE.DISK_FULL',
            detail: expect.stringMatching(/disk .* is full: nothing of this request was recorded/),
            instance: '/partners',
          });
        } else {
          otherAnswers.push(`${res.status} ${body}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, (_, w) => worker(w)));

    expect(otherAnswers).toEqual([]);
    expect(refused.length).toBeGreaterThanOrEqual(8);
    expect(acknowledged.size).toBeGreaterThan(0);
    // The api stays up for reads while the disk is full.
    const first = [...acknowledged.values()][0] ?? '';
    const read = await fetch(`${api.url}/streams/partner-${first}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(read.status).toBe(200);
    expect((await post(api, 'still-full')).status).toBe(507);
    refused.push('still-full');
    // An operator frees space: the next command is recorded, no restart needed.
    setFileSizeLimit(api.child.pid, 'unlimited');
    const resumed = await post(api, 'after-room');
    expect(resumed.status).toBe(201);
    acknowledged.set(((await resumed.json()) as { eventIds: string[] }).eventIds[0] ?? '', 'after-room');
    // The operator's log names the file and the driver's code, without a stack.
    expect(api.stdout()).toMatch(
      /Cannot write the event store file [^"]*events\.sqlite: the disk is full \(SQLITE_/,
    );
    await api.kill('SIGTERM');
    expect(await api.exit).toEqual({ code: 0, signal: null });

    expect(integrity(dir)).toEqual(INTACT);
    const store = openSqliteEventStore({ file: join(dir, 'events.sqlite') });
    const logged = await readEverything(store);
    await store.close();
    const ids = logged.map((event) => event.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...acknowledged.keys()].filter((id) => !ids.includes(id))).toEqual([]);
    const streams = new Set(logged.map((event) => event.stream));
    expect(refused.filter((id) => streams.has(`partner-${id}`))).toEqual([]);
    expect(logged.map((event) => Number(event.globalPosition))).toEqual(logged.map((_, i) => i + 1));

    // Restarted without the limit: it starts, and commands are recorded.
    api = await startApiProcess(dir);
    expect((await post(api, 'after-restart')).status).toBe(201);
    await api.kill('SIGTERM');
    process.stdout.write(
      `storage-faults: ${acknowledged.size} acknowledged, ${refused.length} refused with 507, ${logged.length} in the log\n`,
    );
  }, 45_000);

  it('given a disk already full, when the api starts on a fresh or an existing ledger, then it exits 1 saying the disk is full, and no file changed', async () => {
    const fresh = ledgerCopy(true);
    const existing = ledgerCopy();
    const before = fingerprint(existing);

    const [onFresh, onExisting] = await Promise.all([
      runToExit(API_MAIN, [], { dataDir: fresh, fileSizeLimitBlocks: 0 }),
      runToExit(API_MAIN, [], { dataDir: existing, fileSizeLimitBlocks: 16 }),
    ]);

    expectOneClearLine(
      onFresh,
      /^Programme Ledger failed to start: The disk holding the data folder .* is full/,
      fresh,
    );
    expectOneClearLine(
      onExisting,
      /^Programme Ledger failed to start: The disk holding the data folder .* is full/,
      existing,
    );
    expect(readdirSync(fresh)).toEqual([]);
    expect(fingerprint(existing)).toEqual(before);
  }, 30_000);

  it('given a disk that fills up during a CLI import, or is full for seal, when they run, then each exits 1 with one line saying the disk is full, and the files stay intact', async () => {
    const dir = ledgerCopy();
    const sealed = ledgerCopy();
    const limit = Math.ceil((largestFileBytes(dir) + HEADROOM_BYTES) / 512);

    const [imported, seal] = await Promise.all([
      runToExit(CLI_MAIN, ['import', '360giving', '--json', GRANTS_FILE], {
        dataDir: dir,
        fileSizeLimitBlocks: limit,
      }),
      runToExit(CLI_MAIN, ['seal'], { dataDir: sealed, fileSizeLimitBlocks: 16 }),
    ]);

    for (const [run, folder] of [
      [imported, dir],
      [seal, sealed],
    ] as const) {
      expect({ code: run.code, signal: run.signal }).toEqual({ code: 1, signal: null });
      expect(linesOf(run.stderr)).toEqual([
        expect.stringMatching(/^The disk holding the data folder .* is full/),
      ]);
      expect(linesOf(run.stderr)[0]).toContain(folder);
      expect(integrity(folder)).toEqual(INTACT);
    }
    // The import recorded grants until the disk filled; what it recorded still chains from the start.
    expect(eventCount(dir)).toBeGreaterThan(eventCount(template));
    expect(eventCount(sealed)).toBe(eventCount(template));
    const verify = await runToExit(CLI_MAIN, ['verify'], { dataDir: dir });
    expect({ code: verify.code, stdout: verify.stdout }).toEqual({
      code: 0,
      stdout: expect.stringContaining('intact'),
    });
  }, 40_000);
});
