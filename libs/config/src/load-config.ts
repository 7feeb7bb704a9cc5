import { resolve, join } from 'node:path';
import { EnvReader } from './env-reader.js';
import { ConfigError } from './config.error.js';
import {
  EVENT_STORE_KINDS,
  LOG_LEVELS,
  READ_STORE_KINDS,
  type EventStoreConfig,
  type LedgerConfig,
  type ReadStoreConfig,
} from './ledger-config.js';

const DEFAULT_MAX_BODY_BYTES = 1_048_576;

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
  const config: LedgerConfig = {
    port: read.integer('PORT', { min: 1, max: 65_535, fallback: 3000 }),
    host: readHost(read),
    dataDir,
    eventStore: readEventStore(read, dataDir),
    readStore: readReadStore(read, dataDir),
    authFile: join(dataDir, 'auth.sqlite'),
    logLevel: read.oneOf('LEDGER_LOG_LEVEL', LOG_LEVELS, 'info'),
    maxBodyBytes: read.integer('LEDGER_MAX_BODY_BYTES', {
      min: 1024,
      max: 104_857_600,
      fallback: DEFAULT_MAX_BODY_BYTES,
    }),
    ...optionalCorsOrigin(read),
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
  // Accepted here although the adapter is not built yet: the app refuses it at start, where the
  // message can say so, instead of config pretending the value is malformed.
  return {
    kind,
    url: read.url('EVENTSTORE_URL', ['esdb', 'esdb+discover'], 'LEDGER_EVENT_STORE=eventstoredb'),
  };
}

function readReadStore(read: EnvReader, dataDir: string): ReadStoreConfig {
  const kind = read.oneOf('LEDGER_READ_STORE', READ_STORE_KINDS, 'sqlite');
  if (kind === 'sqlite') return { kind, file: join(dataDir, 'read.sqlite') };
  return { kind, url: read.url('DATABASE_URL', ['postgres', 'postgresql'], 'LEDGER_READ_STORE=postgres') };
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
