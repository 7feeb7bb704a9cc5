export { loadConfig } from './load-config.js';
export { ConfigError, type ConfigProblem } from './config.error.js';
export { checkStorage, embeddedFiles, StorageError, STORAGE_ROOM_BYTES } from './storage-check.js';
export { isHttpUrl } from './giving360-config.js';
export { CONFIG } from './config.tokens.js';
export {
  LOG_LEVELS,
  EVENT_STORE_KINDS,
  READ_STORE_KINDS,
  GIVING360_PREFIX_PATTERN,
  type LogLevel,
  type EventStoreKind,
  type ReadStoreKind,
  type EventStoreConfig,
  type ReadStoreConfig,
  type KeyStoreConfig,
  type LedgerConfig,
  type Giving360Config,
} from './ledger-config.js';
