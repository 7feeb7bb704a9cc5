/** Log levels from the most to the least severe; a level includes every level before it. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const EVENT_STORE_KINDS = ['sqlite', 'eventstoredb'] as const;
export type EventStoreKind = (typeof EVENT_STORE_KINDS)[number];

export const READ_STORE_KINDS = ['sqlite', 'postgres'] as const;
export type ReadStoreKind = (typeof READ_STORE_KINDS)[number];

/** Where events are kept: one embedded file, or an EventStoreDB cluster. */
export type EventStoreConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'eventstoredb'; readonly url: string };

/** Where projections write their read models: one embedded file, or a schema of a PostgreSQL database. */
export type ReadStoreConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string };

/**
 * Where each person's key lives, outside the event log (SPEC §6): its own embedded file, or its own
 * schema of the read models' PostgreSQL database. It follows the read store: api replicas and
 * projector workers that share PostgreSQL read models share the keys they need with them.
 */
export type KeyStoreConfig =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string };

export const PROJECTION_MODES = ['inline', 'external'] as const;
/** inline: the api runs the projections; external: projector workers do, and the api follows them. */
export type ProjectionMode = (typeof PROJECTION_MODES)[number];

export interface ProjectionsConfig {
  readonly mode: ProjectionMode;
  /** Events per read-store transaction. */
  readonly batchSize: number;
}

/**
 * A publisher's 360Giving prefix, the part after `360G-` (`360G-<prefix>-<grant id>`): letters,
 * digits, `-` and `_`, starting and ending with a letter or digit. `360G-` itself is not part of it.
 */
export const GIVING360_PREFIX_PATTERN = /^(?!360G-)[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$/i;

/** Publishing grants as 360Giving data (`GET /programmes/:id/exports/360giving`, `export 360giving`). */
export interface Giving360Config {
  /** The publisher's prefix, without `360G-`. An export needs it, from here or its request. */
  readonly prefix?: string;
  /** The http(s) URL each exported grant names as its `dataSource`. */
  readonly dataSource?: string;
  /** Absolute path of a folder holding the standard's schema files; the copy in the ledger when absent. */
  readonly schemaDir?: string;
}

/** The whole validated configuration. Built once at start by `loadConfig`, frozen, never mutated. */
export interface LedgerConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute path of the folder holding the embedded files. */
  readonly dataDir: string;
  readonly eventStore: EventStoreConfig;
  readonly readStore: ReadStoreConfig;
  /** The keys that encrypt personal data; destroying one forgets its person. */
  readonly keyStore: KeyStoreConfig;
  readonly projections: ProjectionsConfig;
  /** Where a projector worker serves its health and metrics. */
  readonly projectorPort: number;
  /** The SQLite file holding principals and token hashes; always local, whatever the stores. */
  readonly authFile: string;
  readonly logLevel: LogLevel;
  readonly maxBodyBytes: number;
  /**
   * How long a client has to send a whole request, headers and body (`LEDGER_REQUEST_TIMEOUT_SECONDS`):
   * past it the api answers 408 and closes the connection, so a body shorter than its Content-Length
   * cannot hold a connection open.
   */
  readonly requestTimeoutSeconds: number;
  /**
   * Failed authentications (a bearer token or a sign-in that matches no principal) allowed from one
   * client address within the window; past it, that address's attempts are refused with 429 until
   * the oldest failure leaves the window.
   */
  readonly authFailures: { readonly limit: number; readonly windowSeconds: number };
  /** Absent when cross-origin requests are not allowed. */
  readonly corsOrigin?: string;
  readonly giving360: Giving360Config;
  /** How often the api seals the log when it moved (`LEDGER_SEAL_INTERVAL_SECONDS`); 0: never on its own. */
  readonly sealIntervalSeconds: number;
  /**
   * How old a claim on personal-data keys must be before a reconciliation settles it from the log
   * (`LEDGER_KEY_CLAIM_GRACE_SECONDS`, ADR 0020): an append still in flight must have finished by then.
   */
  readonly keyClaimGraceSeconds: number;
}
