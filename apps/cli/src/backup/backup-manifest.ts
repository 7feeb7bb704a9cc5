import type { LedgerConfig } from '@ledger/config';
import { UsageError } from '../cli-exit.js';

export const BACKUP_FORMAT = 'programme-ledger-backup/1';
export const MANIFEST_NAME = 'manifest.json';

/**
 * The embedded store's files in the order a backup copies them, which keeps the copies consistent
 * with one another while the api writes:
 * - read.sqlite first: its projection checkpoints can then never be ahead of the log's copy;
 * - events.sqlite;
 * - keys.sqlite after the log: a key is created (and committed) before the event encrypted with it
 *   is appended, so every key an event of the copy needs was there when the keys were copied;
 * - auth.sqlite last: principals and token hashes do not depend on the others.
 */
export const STORE_FILES = ['read.sqlite', 'events.sqlite', 'keys.sqlite', 'auth.sqlite'] as const;
export type StoreFile = (typeof STORE_FILES)[number];

/** Where each of the store's files is, by the configuration (keys.sqlite may be elsewhere). */
export function storeFilePaths(config: LedgerConfig, command: string): Record<StoreFile, string> {
  const { eventStore, readStore, keyStore } = config;
  if (eventStore.kind !== 'sqlite' || readStore.kind !== 'sqlite' || keyStore.kind !== 'sqlite') {
    throw new UsageError(
      `${command} copies the embedded SQLite store only (LEDGER_EVENT_STORE=sqlite and LEDGER_READ_STORE=sqlite); ` +
        `this ledger is configured with LEDGER_EVENT_STORE=${eventStore.kind} and LEDGER_READ_STORE=${readStore.kind}: ` +
        'back those up with their own tools',
    );
  }
  return {
    'read.sqlite': readStore.file,
    'events.sqlite': eventStore.file,
    'keys.sqlite': keyStore.file,
    'auth.sqlite': config.authFile,
  };
}

export interface ManifestFile {
  readonly name: StoreFile;
  readonly bytes: number;
  readonly sha256: string;
}

/** The first entry of a backup archive: what it holds, and how far its event log goes. */
export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  /** When the backup started (ISO 8601). */
  readonly createdAt: string;
  /** The files in the order they were copied (a file the ledger did not have yet is absent). */
  readonly files: readonly ManifestFile[];
  /** Events in the copy of events.sqlite. */
  readonly events: number;
  /** Global position of its last event; null when it holds none. */
  readonly position: string | null;
}

/** The manifest is not one of a backup this ledger can restore; the message says what is wrong. */
export class ManifestError extends Error {
  override readonly name = 'ManifestError';
}

/** Reads and checks a manifest's JSON. */
export function parseManifest(text: string): BackupManifest {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ManifestError('its manifest.json is not JSON');
  }
  if (!isRecord(value) || value.format !== BACKUP_FORMAT) {
    const format = isRecord(value) ? JSON.stringify(value.format) : 'none';
    throw new ManifestError(`its manifest states format ${format}, not ${BACKUP_FORMAT}`);
  }
  const { createdAt, files, events, position } = value;
  if (typeof createdAt !== 'string') throw new ManifestError('its manifest has no createdAt');
  if (!Number.isSafeInteger(events) || (events as number) < 0) {
    throw new ManifestError('its manifest has no event count');
  }
  if (position !== null && (typeof position !== 'string' || !/^\d{1,16}$/.test(position))) {
    throw new ManifestError('its manifest has no position (a number, or null)');
  }
  if (!Array.isArray(files)) throw new ManifestError('its manifest lists no files');
  const seen = new Set<string>();
  const checked = files.map((file: unknown): ManifestFile => {
    if (
      !isRecord(file) ||
      !STORE_FILES.includes(file.name as StoreFile) ||
      !Number.isSafeInteger(file.bytes) ||
      (file.bytes as number) < 0 ||
      typeof file.sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/.test(file.sha256)
    ) {
      throw new ManifestError(
        `its manifest lists ${JSON.stringify(file)}, not one of ${STORE_FILES.join(', ')} with bytes and sha256`,
      );
    }
    if (seen.has(file.name as string))
      throw new ManifestError(`its manifest lists ${String(file.name)} twice`);
    seen.add(file.name as string);
    return { name: file.name as StoreFile, bytes: file.bytes as number, sha256: file.sha256 };
  });
  return { format: BACKUP_FORMAT, createdAt, files: checked, events: events as number, position };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
