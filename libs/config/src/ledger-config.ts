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

/** Where projections write their read models: one embedded file, or PostgreSQL. */
export type ReadStoreConfig =
  { readonly kind: 'sqlite'; readonly file: string } | { readonly kind: 'postgres'; readonly url: string };

/** The whole validated configuration. Built once at start by `loadConfig`, frozen, never mutated. */
export interface LedgerConfig {
  readonly port: number;
  readonly host: string;
  /** Absolute path of the folder holding the embedded files. */
  readonly dataDir: string;
  readonly eventStore: EventStoreConfig;
  readonly readStore: ReadStoreConfig;
  /** The SQLite file holding principals and token hashes; always local, whatever the stores. */
  readonly authFile: string;
  readonly logLevel: LogLevel;
  readonly maxBodyBytes: number;
  /** Absent when cross-origin requests are not allowed. */
  readonly corsOrigin?: string;
}
