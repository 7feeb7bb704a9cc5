import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { Server } from 'node:http';
import request from 'supertest';
import { type LedgerConfig, loadConfig } from '@ledger/config';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@ledger/event-store';
import { type Role, ROLES, TOKEN_STORE, type TokenStore } from '@ledger/auth';
import { createApp, type CreateAppOptions } from '../create-app.js';

export type Tokens = Readonly<Record<Role, string>>;

/** A whole ledger over HTTP on a fresh data folder, with a token for every role. */
export interface TestLedger {
  readonly app: INestApplication;
  readonly http: ReturnType<typeof request>;
  readonly tokens: Tokens;
  readonly store: EventStore;
  readonly config: LedgerConfig;
  /** Every event in the log, in order. */
  allEvents(): Promise<RecordedEvent[]>;
  close(): Promise<void>;
}

/**
 * Writes no log lines unless given a logger to write them to. Failed authentications are not
 * locked out unless `env` sets `LEDGER_AUTH_FAILURE_LIMIT`. `env` adds configuration, e.g. an
 * EventStoreDB or a PostgreSQL read store instead of the embedded files.
 */
export async function startTestLedger(
  options: CreateAppOptions = { logger: false },
  env: Readonly<Record<string, string>> = {},
): Promise<TestLedger> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  // Tests send bad tokens by the hundred from one address: the lockout has its own spec.
  const config = loadConfig({ LEDGER_DATA_DIR: dataDir, LEDGER_AUTH_FAILURE_LIMIT: '1000000', ...env });
  const app = await createApp(config, options);
  await app.init();
  const tokenStore = app.get<TokenStore>(TOKEN_STORE);
  const tokens = Object.fromEntries(
    // Unique names: two test ledgers may share one data folder (replicas of one ledger).
    ROLES.map((role) => [
      role,
      tokenStore.create({ name: `test-${role}-${randomUUID().slice(0, 8)}`, role }).token,
    ]),
  ) as Record<Role, string>;
  const store = app.get<EventStore>(EVENT_STORE);
  return {
    app,
    http: request(app.getHttpServer() as Server),
    tokens,
    store,
    config,
    allEvents: () => readEverything(store),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const last = events.at(-1);
    const batch = await store.readAll({ ...(last ? { after: last.globalPosition } : {}), maxCount: 1000 });
    if (batch.length === 0) return events;
    events.push(...batch);
  }
}
