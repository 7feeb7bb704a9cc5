import { resolve, join } from 'node:path';
import { EnvReader } from './env-reader.js';
import { ConfigError } from './config.error.js';
import { readGiving360 } from './giving360-config.js';
import {
  EVENT_STORE_KINDS,
  LOG_LEVELS,
  PROJECTION_MODES,
  READ_STORE_KINDS,
  type EventStoreConfig,
  type KeyStoreConfig,
  type LedgerConfig,
  type ProjectionsConfig,
  type ReadStoreConfig,
} from './ledger-config.js';

const DEFAULT_MAX_BODY_BYTES = 1_048_576;
/** A week: seals are meant to be frequent, and a timer cannot wait longer than 24.8 days anyway. */
const MAX_SEAL_INTERVAL_SECONDS = 604_800;

/**
 * Reads and validates the ledger's environment variables once, at start. With nothing set the ledger
 * runs embedded: SQLite files in `./data`, resolved against the working directory.
 *
 * @throws ConfigError naming every bad variable, e.g. `PORT must be an integer from 1 to 65535, got "abc"`.
 * @example
 * const config = loadConfig({ LEDGER_DATA_DIR: '/var/lib/ledger', PORT: '8080' });
 * config.eventStore; // { kind: 'sqlite', file: '/var/lib/ledger/events.sqlite' }
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const read = new EnvReader(env);
  const dataDir = resolve(read.optional('LEDGER_DATA_DIR') ?? './data');
  // Read in this order so the problems are listed in it.
  const port = read.integer('PORT', { min: 1, max: 65_535, fallback: 3000 });
  const host = readHost(read);
  const eventStore = readEventStore(read, dataDir);
  const readStore = readReadStore(read, dataDir);
  const config: LedgerConfig = {
    port,
    host,
    dataDir,
    eventStore,
    readStore,
    keyStore: readKeyStore(read, dataDir, readStore),
    projections: readProjections(read, readStore),
    projectorPort: read.integer('LEDGER_PROJECTOR_PORT', { min: 1, max: 65_535, fallback: 3001 }),
    authFile: join(dataDir, 'auth.sqlite'),
    logLevel: read.oneOf('LEDGER_LOG_LEVEL', LOG_LEVELS, 'info'),
    maxBodyBytes: read.integer('LEDGER_MAX_BODY_BYTES', {
      min: 1024,
      max: 104_857_600,
      fallback: DEFAULT_MAX_BODY_BYTES,
    }),
    requestTimeoutSeconds: read.integer('LEDGER_REQUEST_TIMEOUT_SECONDS', {
      min: 1,
      max: 3600,
      fallback: 30,
    }),
    ...optionalCorsOrigin(read),
    giving360: readGiving360(read),
    sealIntervalSeconds: read.integer('LEDGER_SEAL_INTERVAL_SECONDS', {
      min: 0,
      max: MAX_SEAL_INTERVAL_SECONDS,
      fallback: 3600,
    }),
    keyClaimGraceSeconds: read.integer('LEDGER_KEY_CLAIM_GRACE_SECONDS', {
      min: 1,
      max: 86_400,
      fallback: 60,
    }),
    authFailures: {
      limit: read.integer('LEDGER_AUTH_FAILURE_LIMIT', { min: 1, max: 1_000_000, fallback: 10 }),
      windowSeconds: read.integer('LEDGER_AUTH_FAILURE_WINDOW_SECONDS', {
        min: 1,
        max: 86_400,
        fallback: 300,
      }),
    },
  };
  if (read.problems.length > 0) throw new ConfigError(read.problems);
  return deepFreeze(config);
}

function readHost(read: EnvReader): string {
  const host = read.optional('HOST') ?? '0.0.0.0';
  if (/\s/.test(host))
    read.fail('HOST', `must be a host name or IP address without spaces, got ${JSON.stringify(host)}`);
  return host;
}

function readEventStore(read: EnvReader, dataDir: string): EventStoreConfig {
  const kind = read.oneOf('LEDGER_EVENT_STORE', EVENT_STORE_KINDS, 'sqlite');
  if (kind === 'sqlite') return { kind, file: join(dataDir, 'events.sqlite') };
  return {
    kind,
    url: read.url('EVENTSTORE_URL', ['esdb', 'esdb+discover'], 'LEDGER_EVENT_STORE=eventstoredb'),
  };
}

function readReadStore(read: EnvReader, dataDir: string): ReadStoreConfig {
  const kind = read.oneOf('LEDGER_READ_STORE', READ_STORE_KINDS, 'sqlite');
  if (kind === 'sqlite') return { kind, file: join(dataDir, 'read.sqlite') };
  const url = read.url('DATABASE_URL', ['postgres', 'postgresql'], 'LEDGER_READ_STORE=postgres');
  const schema = read.optional('LEDGER_READ_STORE_SCHEMA') ?? 'public';
  if (!SCHEMA_NAME.test(schema)) {
    read.fail(
      'LEDGER_READ_STORE_SCHEMA',
      `must be a plain PostgreSQL schema name (lower case letters, digits and _), got ${JSON.stringify(schema)}`,
    );
  }
  return { kind, url, schema };
}

/** PostgreSQL schema names: plain identifiers, so they go into DDL and `search_path` unquoted. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The key store follows the read store. Embedded: its own SQLite file, `LEDGER_KEY_STORE_FILE`
 * (default `keys.sqlite` in the data folder, beside the event log), which must not be one of the
 * other stores' files. PostgreSQL: the read models' database, in a schema of its own,
 * `LEDGER_KEY_STORE_SCHEMA` (default `<LEDGER_READ_STORE_SCHEMA>_keys`), never the read models'
 * schema, whose tables a rebuild drops and replaces.
 */
function readKeyStore(read: EnvReader, dataDir: string, readStore: ReadStoreConfig): KeyStoreConfig {
  if (readStore.kind === 'postgres') {
    const given = read.optional('LEDGER_KEY_STORE_SCHEMA');
    // A bad read store schema is reported under its own name, not again under this one.
    const schema = given ?? `${readStore.schema.slice(0, 58)}_keys`;
    if ((given !== undefined && !SCHEMA_NAME.test(given)) || schema === readStore.schema) {
      read.fail(
        'LEDGER_KEY_STORE_SCHEMA',
        `must be a plain PostgreSQL schema name (lower case letters, digits and _) other than the read store's, got ${JSON.stringify(schema)}`,
      );
    }
    return { kind: 'postgres', url: readStore.url, schema };
  }
  const file = resolve(read.optional('LEDGER_KEY_STORE_FILE') ?? join(dataDir, 'keys.sqlite'));
  const taken = [join(dataDir, 'events.sqlite'), readStore.file, join(dataDir, 'auth.sqlite')];
  if (taken.includes(file)) {
    read.fail(
      'LEDGER_KEY_STORE_FILE',
      `must be a file of its own, not the event log, read store or token file, got ${JSON.stringify(file)}`,
    );
  }
  return { kind: 'sqlite', file };
}

/** With PostgreSQL the projector workers project by default; with SQLite, the api itself. */
function readProjections(read: EnvReader, readStore: ReadStoreConfig): ProjectionsConfig {
  const fallback = readStore.kind === 'postgres' ? 'external' : 'inline';
  return {
    mode: read.oneOf('LEDGER_PROJECTIONS', PROJECTION_MODES, fallback),
    batchSize: read.integer('LEDGER_PROJECTION_BATCH_SIZE', { min: 1, max: 10_000, fallback: 500 }),
  };
}

function optionalCorsOrigin(read: EnvReader): { corsOrigin?: string } {
  const corsOrigin = read.optional('LEDGER_CORS_ORIGIN');
  return corsOrigin === undefined ? {} : { corsOrigin };
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}
