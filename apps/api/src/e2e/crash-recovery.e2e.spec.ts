import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@ledger/config';
import { SqliteTokenStore } from '@ledger/auth';
import { openSqliteEventStore } from '@ledger/event-store';
import { startApiProcess } from '../testing/api-process.js';
import { readEverything } from '../testing/test-ledger.js';

/** Acknowledged means durable: SIGKILL of the api mid-stream loses no acknowledged event. */
describe('crash recovery of the api process', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given a stream of acknowledged commands, when the api is SIGKILLed three times, then every acknowledged event is present once with gap-free positions', async () => {
    const config = loadConfig({ LEDGER_DATA_DIR: dataDir });
    const tokens = new SqliteTokenStore(config.authFile);
    const { token } = tokens.create({ name: 'kill-test', role: 'programme-manager' });
    tokens.close();
    const acknowledged = new Map<string, string>();

    for (let round = 0; round < 3; round += 1) {
      const api = await startApiProcess(dataDir);
      let sent = 0;
      let stop = false;
      const worker = async (w: number) => {
        while (!stop) {
          const partnerId = `r${round}-w${w}-${(sent += 1)}`;
          try {
            const res = await fetch(`${api.url}/partners`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
              body: JSON.stringify({
                partnerId,
                name: `Illustrative partner ${partnerId}`,
                sector: 'business',
              }),
            });
            if (res.status === 201)
              acknowledged.set(((await res.json()) as { eventIds: string[] }).eventIds[0] ?? '', partnerId);
          } catch {
            return; // the process is gone: this request was never acknowledged
          }
        }
      };
      const workers = Array.from({ length: 16 }, (_, w) => worker(w));
      await new Promise((r) => setTimeout(r, 700 + round * 300));
      await api.kill('SIGKILL');
      stop = true;
      await Promise.all(workers);
    }

    const store = openSqliteEventStore({ file: join(dataDir, 'events.sqlite') });
    const events = await readEverything(store);
    await store.close();
    const ids = events.map((e) => e.eventId);
    const logged = new Set(ids);
    const missing = [...acknowledged.keys()].filter((id) => !logged.has(id));
    expect(acknowledged.size).toBeGreaterThan(100);
    expect(missing).toEqual([]);
    expect(logged.size).toBe(ids.length);
    expect(events.map((e) => Number(e.globalPosition))).toEqual(events.map((_, i) => i + 1));
    process.stdout.write(
      `crash-recovery: ${acknowledged.size} acknowledged, ${events.length} in the log after 3 SIGKILLs\n`,
    );
  }, 60_000);
});
