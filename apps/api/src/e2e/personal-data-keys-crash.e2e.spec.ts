import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteTokenStore } from '@ledger/auth';
import { loadConfig } from '@ledger/config';
import { openSqliteEventStore } from '@ledger/event-store';
import { type ApiProcess, startApiProcess } from '../testing/api-process.js';
import { readEverything } from '../testing/test-ledger.js';

/** Short, so that the restarted api settles the claims the kill left at once (60 s in production). */
const GRACE_SECONDS = 1;
const MAX_ROUNDS = 5;

/** What the key store file holds: the people with a key (tombstones aside) and the claims in flight. */
function keyStoreRows(file: string): { keyed: string[]; claims: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const keyed = db
      .prepare<[], { person_id: string }>('SELECT person_id FROM person_keys WHERE key IS NOT NULL')
      .all()
      .map((row) => row.person_id);
    const claims = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM key_claims').get()?.n ?? 0;
    return { keyed: keyed.sort(), claims };
  } finally {
    db.close();
  }
}

/**
 * Registers partners with contact persons from many clients at once, two clients per partner so
 * that half the registrations are refused, until the api is killed.
 */
async function registerUntilKilled(api: ApiProcess, token: string, round: number): Promise<void> {
  let stop = false;
  const worker = async (w: number) => {
    for (let n = 0; !stop; n += 1) {
      const partnerId = `r${round}-w${Math.floor(w / 2)}-${n}`;
      try {
        await fetch(`${api.url}/partners`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            partnerId,
            name: `Illustrative partner ${partnerId}`,
            sector: 'business',
            contactPerson: { personId: `${partnerId}-by-${w % 2}`, name: `Contact ${w}` },
          }),
        });
      } catch {
        return; // the process is gone
      }
    }
  };
  const workers = Array.from({ length: 12 }, (_, w) => worker(w));
  await new Promise((resolve) => setTimeout(resolve, 600 + round * 200));
  await api.kill('SIGKILL');
  stop = true;
  await Promise.all(workers);
}

/** A key may exist only while an event that uses it is committed, a SIGKILL notwithstanding (ADR 0020). */
describe('personal-data keys after the api is killed', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-keys-kill-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('given the api SIGKILLed while registering contacts, when it starts again, then exactly the contacts of committed registrations have a key', async () => {
    const config = loadConfig({ LEDGER_DATA_DIR: dataDir });
    if (config.keyStore.kind !== 'sqlite' || config.eventStore.kind !== 'sqlite') {
      throw new Error('This spec reads the embedded stores');
    }
    const [keysFile, eventsFile] = [config.keyStore.file, config.eventStore.file];
    const tokens = new SqliteTokenStore(config.authFile);
    const { token } = tokens.create({ name: 'keys-kill-test', role: 'programme-manager' });
    tokens.close();
    const env = { LEDGER_KEY_CLAIM_GRACE_SECONDS: String(GRACE_SECONDS) };

    // Until a kill lands between a key and the settling of its claim (nearly always the first).
    let leftByKill = 0;
    for (let round = 0; round < MAX_ROUNDS && leftByKill === 0; round += 1) {
      await registerUntilKilled(await startApiProcess(dataDir, { env }), token, round);
      leftByKill = keyStoreRows(keysFile).claims;
    }
    expect(leftByKill).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, GRACE_SECONDS * 1000 + 200));
    const restarted = await startApiProcess(dataDir, { env });
    try {
      const store = openSqliteEventStore({ file: eventsFile });
      const contacts = (await readEverything(store))
        .filter((event) => event.type === 'PartnerRegistered')
        .map((event) => (event.data as { contactPerson: { personId: string } }).contactPerson.personId);
      await store.close();
      const after = keyStoreRows(keysFile);
      expect(contacts.length).toBeGreaterThan(10);
      expect(after.claims).toBe(0);
      expect(after.keyed).toEqual(contacts.sort());
      process.stdout.write(
        `keys after kill: ${leftByKill} claims left by the kill settled, ${contacts.length} contacts keyed\n`,
      );
    } finally {
      await restarted.kill('SIGTERM');
    }
  }, 90_000);
});
