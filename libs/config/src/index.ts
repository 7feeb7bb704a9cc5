export { loadConfig } from './load-config.js';
export { ConfigError, type ConfigProblem } from './config.error.js';
export { CONFIG } from './config.tokens.js';
export {
  LOG_LEVELS,
  EVENT_STORE_KINDS,
  READ_STORE_KINDS,
  type LogLevel,
  type EventStoreKind,
  type ReadStoreKind,
  type EventStoreConfig,
  type ReadStoreConfig,
  type LedgerConfig,
} from './ledger-config.js';
