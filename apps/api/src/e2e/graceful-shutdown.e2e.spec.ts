import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteTokenStore } from '@ledger/auth';
import { loadConfig } from '@ledger/config';
import { openSqliteEventStore } from '@ledger/event-store';
import type { RunnerTables } from '@ledger/projections';
import { openSqliteReadStore } from '@ledger/read-store';
import { startApiProcess } from '../testing/api-process.js';
import { readEverything } from '../testing/test-ledger.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A POST whose body arrives in two halves, so the request is in flight until `finish()`. */
function slowPost(url: string, headers: Record<string, string>, body: string) {
  const bytes = Buffer.from(body);
  const half = Math.floor(bytes.length / 2);
  const req = httpRequest(url, {
    method: 'POST',
    headers: { ...headers, 'Content-Type': 'application/json', 'Content-Length': String(bytes.length) },
  });
  const response = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
  });
  req.write(bytes.subarray(0, half));
  return { response, finish: () => req.end(bytes.subarray(half)) };
}

/** SIGTERM is how a deploy stops the api: what was accepted finishes, what runs stops cleanly. */
describe('graceful shutdown of the api process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-sigterm-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given a command whose body is still arriving, when the api gets SIGTERM, then it refuses new connections, completes the command, stops the projections cleanly and exits 0', async () => {
    const config = loadConfig({ LEDGER_DATA_DIR: dataDir });
    const tokens = new SqliteTokenStore(config.authFile);
    const { token } = tokens.create({ name: 'sigterm-test', role: 'programme-manager' });
    tokens.close();
    const api = await startApiProcess(dataDir);
    const auth = { Authorization: `Bearer ${token}` };
    const partner = (partnerId: string) =>
      JSON.stringify({ partnerId, name: `Partner ${partnerId}`, sector: 'business' });
    for (let i = 0; i < 20; i += 1) {
      const res = await fetch(`${api.url}/partners`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: partner(`before-${i}`),
      });
      expect(res.status).toBe(201);
    }

    const slow = slowPost(
      `${api.url}/partners`,
      { ...auth, 'X-Correlation-Id': 'sigterm-1' },
      partner('in-flight'),
    );
    await sleep(300); // the headers are in: the api counts the request in flight
    api.child.kill('SIGTERM');
    await sleep(300);

    expect(api.child.exitCode).toBeNull();
    await expect(fetch(`${api.url}/health/live`)).rejects.toThrow();
    slow.finish();
    const answered = await slow.response;
    expect(answered.status).toBe(201);
    expect(await api.exit).toEqual({ code: 0, signal: null });

    const store = openSqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    const logged = await readEverything(store);
    await store.close();
    expect(logged.map((e) => (e.data as { partnerId: string }).partnerId)).toContain('in-flight');
    expect(logged).toHaveLength(21);
    const readStore = openSqliteReadStore<RunnerTables>({ file: join(dataDir, 'read.sqlite') });
    const checkpoints = await readStore.db
      .selectFrom('projection_checkpoints')
      .select(['name', 'status'])
      .execute();
    await readStore.close();
    expect(checkpoints.length).toBeGreaterThan(0);
    expect(checkpoints.filter((c) => c.status !== 'stopped')).toEqual([]);

    const lines = api.stdout().split('\n').filter(Boolean);
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(
      expect.objectContaining({ msg: 'Shutting down: no new connections; 1 request(s) in flight' }),
    );
    expect(records).toContainEqual(
      expect.objectContaining({ msg: 'request', correlationId: 'sigterm-1', path: '/partners', status: 201 }),
    );
  }, 30_000);
});
