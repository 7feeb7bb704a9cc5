import { describe, expect, it } from '@jest/globals';
import { join, resolve } from 'node:path';
import { ConfigError } from './config.error.js';
import { loadConfig } from './load-config.js';

function problemsFor(env: NodeJS.ProcessEnv): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((problem) => problem.message);
    throw error;
  }
  throw new Error('expected loadConfig to throw a ConfigError');
}

describe('loadConfig', () => {
  it('given no variables, when loaded, then runs embedded in ./data with the defaults', () => {
    const dataDir = resolve('data');
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '0.0.0.0',
      dataDir,
      eventStore: { kind: 'sqlite', file: join(dataDir, 'events.sqlite') },
      readStore: { kind: 'sqlite', file: join(dataDir, 'read.sqlite') },
      keyStore: { kind: 'sqlite', file: join(dataDir, 'keys.sqlite') },
      projections: { mode: 'inline', batchSize: 500 },
      projectorPort: 3001,
      authFile: join(dataDir, 'auth.sqlite'),
      logLevel: 'info',
      maxBodyBytes: 1_048_576,
      requestTimeoutSeconds: 30,
      giving360: {},
      sealIntervalSeconds: 3600,
      keyClaimGraceSeconds: 60,
      authFailures: { limit: 10, windowSeconds: 300 },
    });
  });

  it('given every variable valid, when loaded, then each one is used', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '127.0.0.1',
      LEDGER_DATA_DIR: '/var/lib/ledger',
      LEDGER_EVENT_STORE: 'eventstoredb',
      EVENTSTORE_URL: 'esdb+discover://node1:2113,node2:2113?tls=true',
      LEDGER_READ_STORE: 'postgres',
      DATABASE_URL: 'postgresql://ledger:secret@db:5432/ledger',
      LEDGER_READ_STORE_SCHEMA: 'ledger',
      LEDGER_KEY_STORE_SCHEMA: 'ledger_secrets',
      LEDGER_PROJECTIONS: 'inline',
      LEDGER_PROJECTION_BATCH_SIZE: '200',
      LEDGER_PROJECTOR_PORT: '9100',
      LEDGER_LOG_LEVEL: 'debug',
      LEDGER_MAX_BODY_BYTES: '2048',
      LEDGER_REQUEST_TIMEOUT_SECONDS: '12',
      LEDGER_CORS_ORIGIN: 'https://funder.example',
      LEDGER_360GIVING_PREFIX: 'nesta-iep',
      LEDGER_360GIVING_DATA_SOURCE: 'https://www.nesta.org.uk/iep/360giving.json',
      LEDGER_360GIVING_SCHEMA_DIR: 'libs/giving360/schema',
      LEDGER_SEAL_INTERVAL_SECONDS: '600',
      LEDGER_KEY_CLAIM_GRACE_SECONDS: '5',
      LEDGER_AUTH_FAILURE_LIMIT: '20',
      LEDGER_AUTH_FAILURE_WINDOW_SECONDS: '60',
    });
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/var/lib/ledger',
      eventStore: { kind: 'eventstoredb', url: 'esdb+discover://node1:2113,node2:2113?tls=true' },
      readStore: { kind: 'postgres', url: 'postgresql://ledger:secret@db:5432/ledger', schema: 'ledger' },
      keyStore: {
        kind: 'postgres',
        url: 'postgresql://ledger:secret@db:5432/ledger',
        schema: 'ledger_secrets',
      },
      projections: { mode: 'inline', batchSize: 200 },
      projectorPort: 9100,
      authFile: '/var/lib/ledger/auth.sqlite',
      logLevel: 'debug',
      maxBodyBytes: 2048,
      requestTimeoutSeconds: 12,
      corsOrigin: 'https://funder.example',
      giving360: {
        prefix: 'nesta-iep',
        dataSource: 'https://www.nesta.org.uk/iep/360giving.json',
        schemaDir: resolve('libs/giving360/schema'),
      },
      sealIntervalSeconds: 600,
      keyClaimGraceSeconds: 5,
      authFailures: { limit: 20, windowSeconds: 60 },
    });
  });

  it('given LEDGER_SEAL_INTERVAL_SECONDS=0, when loaded, then the api never seals on its own', () => {
    expect(loadConfig({ LEDGER_SEAL_INTERVAL_SECONDS: '0' }).sealIntervalSeconds).toBe(0);
  });

  it('given PostgreSQL read models and no projection mode, when loaded, then projector workers project them in schema public', () => {
    const config = loadConfig({ LEDGER_READ_STORE: 'postgres', DATABASE_URL: 'postgres://db:5432/ledger' });
    expect(config.readStore).toEqual({
      kind: 'postgres',
      url: 'postgres://db:5432/ledger',
      schema: 'public',
    });
    expect(config.projections.mode).toBe('external');
  });

  it('given PostgreSQL read models and no key store schema, when loaded, then the keys live in <read schema>_keys of that database', () => {
    const config = loadConfig({
      LEDGER_READ_STORE: 'postgres',
      DATABASE_URL: 'postgres://db:5432/ledger',
      LEDGER_READ_STORE_SCHEMA: 'iep',
      LEDGER_KEY_STORE_FILE: '/ignored/keys.sqlite',
    });
    expect(config.keyStore).toEqual({
      kind: 'postgres',
      url: 'postgres://db:5432/ledger',
      schema: 'iep_keys',
    });
  });

  it('given LEDGER_KEY_STORE_FILE, when loaded, then the keys live in that file, resolved against the working directory', () => {
    expect(loadConfig({ LEDGER_KEY_STORE_FILE: 'secrets/keys.sqlite' }).keyStore).toEqual({
      kind: 'sqlite',
      file: resolve('secrets/keys.sqlite'),
    });
  });

  it('given a relative data folder, when loaded, then every file path is absolute inside it', () => {
    const config = loadConfig({ LEDGER_DATA_DIR: 'var/ledger' });
    expect(config.dataDir).toBe(resolve('var/ledger'));
    expect(config.authFile).toBe(resolve('var/ledger/auth.sqlite'));
    expect(config.keyStore).toEqual({ kind: 'sqlite', file: resolve('var/ledger/keys.sqlite') });
  });

  it('given empty values, when loaded, then they count as unset', () => {
    expect(loadConfig({ PORT: '', LEDGER_LOG_LEVEL: '  ', LEDGER_CORS_ORIGIN: '' })).toMatchObject({
      port: 3000,
      logLevel: 'info',
    });
    expect(loadConfig({ LEDGER_CORS_ORIGIN: '' })).not.toHaveProperty('corsOrigin');
  });

  it('given a loaded config, when something tries to change it, then it refuses, nested objects included', () => {
    const config = loadConfig({});
    expect(() => Object.assign(config, { port: 1 })).toThrow(TypeError);
    expect(() => Object.assign(config.eventStore, { file: '/tmp/other.sqlite' })).toThrow(TypeError);
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.eventStore)).toBe(true);
    expect(Object.isFrozen(config.readStore)).toBe(true);
    expect(Object.isFrozen(config.keyStore)).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer from 1 to 65535, got "abc"'],
    [{ PORT: '0' }, 'PORT must be an integer from 1 to 65535, got "0"'],
    [{ PORT: '65536' }, 'PORT must be an integer from 1 to 65535, got "65536"'],
    [{ PORT: '80.5' }, 'PORT must be an integer from 1 to 65535, got "80.5"'],
    [{ HOST: 'my host' }, 'HOST must be a host name or IP address without spaces, got "my host"'],
    [{ LEDGER_EVENT_STORE: 'mongo' }, 'LEDGER_EVENT_STORE must be one of sqlite, eventstoredb, got "mongo"'],
    [{ LEDGER_READ_STORE: 'mysql' }, 'LEDGER_READ_STORE must be one of sqlite, postgres, got "mysql"'],
    [{ LEDGER_PROJECTIONS: 'both' }, 'LEDGER_PROJECTIONS must be one of inline, external, got "both"'],
    [
      { LEDGER_PROJECTION_BATCH_SIZE: '0' },
      'LEDGER_PROJECTION_BATCH_SIZE must be an integer from 1 to 10000, got "0"',
    ],
    [
      {
        LEDGER_READ_STORE: 'postgres',
        DATABASE_URL: 'postgres://db/ledger',
        LEDGER_READ_STORE_SCHEMA: 'Ledger-1',
      },
      'LEDGER_READ_STORE_SCHEMA must be a plain PostgreSQL schema name (lower case letters, digits and _), got "Ledger-1"',
    ],
    [
      { LEDGER_DATA_DIR: '/var/lib/ledger', LEDGER_KEY_STORE_FILE: '/var/lib/ledger/events.sqlite' },
      'LEDGER_KEY_STORE_FILE must be a file of its own, not the event log, read store or token file, got "/var/lib/ledger/events.sqlite"',
    ],
    [
      { LEDGER_DATA_DIR: '/var/lib/ledger', LEDGER_KEY_STORE_FILE: '/var/lib/ledger/read.sqlite' },
      'LEDGER_KEY_STORE_FILE must be a file of its own, not the event log, read store or token file, got "/var/lib/ledger/read.sqlite"',
    ],
    [
      {
        LEDGER_READ_STORE: 'postgres',
        DATABASE_URL: 'postgres://db/ledger',
        LEDGER_READ_STORE_SCHEMA: 'ledger',
        LEDGER_KEY_STORE_SCHEMA: 'ledger',
      },
      'LEDGER_KEY_STORE_SCHEMA must be a plain PostgreSQL schema name (lower case letters, digits and _) other than the read store\'s, got "ledger"',
    ],
    [
      {
        LEDGER_READ_STORE: 'postgres',
        DATABASE_URL: 'postgres://db/ledger',
        LEDGER_KEY_STORE_SCHEMA: 'Keys!',
      },
      'LEDGER_KEY_STORE_SCHEMA must be a plain PostgreSQL schema name (lower case letters, digits and _) other than the read store\'s, got "Keys!"',
    ],
    [
      { LEDGER_LOG_LEVEL: 'loud' },
      'LEDGER_LOG_LEVEL must be one of fatal, error, warn, info, debug, got "loud"',
    ],
    [
      { LEDGER_MAX_BODY_BYTES: '1023' },
      'LEDGER_MAX_BODY_BYTES must be an integer from 1024 to 104857600, got "1023"',
    ],
    [
      { LEDGER_MAX_BODY_BYTES: '1e6' },
      'LEDGER_MAX_BODY_BYTES must be an integer from 1024 to 104857600, got "1e6"',
    ],
    [
      { LEDGER_360GIVING_PREFIX: 'nesta iep' },
      'LEDGER_360GIVING_PREFIX must be a 360Giving prefix of letters, digits, - and _, got "nesta iep"',
    ],
    [
      { LEDGER_360GIVING_PREFIX: '360G-nesta' },
      'LEDGER_360GIVING_PREFIX must be a 360Giving prefix of letters, digits, - and _ (give the part after 360G-), got "360G-nesta"',
    ],
    [
      { LEDGER_360GIVING_DATA_SOURCE: 'www.nesta.org.uk/iep' },
      'LEDGER_360GIVING_DATA_SOURCE must be an http:// or https:// URL, got "www.nesta.org.uk/iep"',
    ],
    [
      { LEDGER_SEAL_INTERVAL_SECONDS: 'hourly' },
      'LEDGER_SEAL_INTERVAL_SECONDS must be an integer from 0 to 604800, got "hourly"',
    ],
    [
      { LEDGER_SEAL_INTERVAL_SECONDS: '604801' },
      'LEDGER_SEAL_INTERVAL_SECONDS must be an integer from 0 to 604800, got "604801"',
    ],
    [
      { LEDGER_360GIVING_SCHEMA_DIR: '/nowhere/360giving' },
      'LEDGER_360GIVING_SCHEMA_DIR names /nowhere/360giving, which holds no 360-giving-schema.json',
    ],
  ])('given %j, when loaded, then the error names the variable', (env, expected) => {
    expect(problemsFor(env)).toEqual([expected]);
  });

  it('given eventstoredb without EVENTSTORE_URL, when loaded, then EVENTSTORE_URL is required', () => {
    expect(problemsFor({ LEDGER_EVENT_STORE: 'eventstoredb' })).toEqual([
      'EVENTSTORE_URL is required when LEDGER_EVENT_STORE=eventstoredb (a URL starting with esdb:// or esdb+discover://)',
    ]);
  });

  it('given eventstoredb with a non-esdb URL, when loaded, then EVENTSTORE_URL is rejected', () => {
    expect(problemsFor({ LEDGER_EVENT_STORE: 'eventstoredb', EVENTSTORE_URL: 'http://esdb:2113' })).toEqual([
      'EVENTSTORE_URL must start with esdb:// or esdb+discover://, got "http://esdb:2113"',
    ]);
  });

  it('given postgres without DATABASE_URL, when loaded, then DATABASE_URL is required', () => {
    expect(problemsFor({ LEDGER_READ_STORE: 'postgres' })).toEqual([
      'DATABASE_URL is required when LEDGER_READ_STORE=postgres (a URL starting with postgres:// or postgresql://)',
    ]);
  });

  it('given a wrong DATABASE_URL with a password, when rejected, then the message hides the credentials', () => {
    const [problem] = problemsFor({
      LEDGER_READ_STORE: 'postgres',
      DATABASE_URL: 'mysql://ledger:s3cret@db/ledger',
    });
    expect(problem).toBe(
      'DATABASE_URL must start with postgres:// or postgresql://, got "mysql://***@db/ledger"',
    );
  });

  it('given URLs for stores left on sqlite, when loaded, then they are ignored', () => {
    const config = loadConfig({ EVENTSTORE_URL: 'nonsense', DATABASE_URL: 'nonsense' });
    expect(config.eventStore.kind).toBe('sqlite');
    expect(config.readStore.kind).toBe('sqlite');
  });

  it('given several bad variables, when loaded, then one error lists them all', () => {
    const load = (): unknown =>
      loadConfig({ PORT: 'abc', LEDGER_LOG_LEVEL: 'loud', LEDGER_READ_STORE: 'postgres' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(
      [
        'Invalid configuration:',
        '- PORT must be an integer from 1 to 65535, got "abc"',
        '- DATABASE_URL is required when LEDGER_READ_STORE=postgres (a URL starting with postgres:// or postgresql://)',
        '- LEDGER_LOG_LEVEL must be one of fatal, error, warn, info, debug, got "loud"',
      ].join('\n'),
    );
  });
});
