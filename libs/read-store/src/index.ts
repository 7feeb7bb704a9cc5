export * from './read-store.js';
export * from './sqlite/sqlite-read-store.js';
export * from './sqlite/sqlite-exclusive-writer.js';
export * from './sqlite/sqlite-table-copy.js';
export * from './locks/read-store-locks.js';
export { READ_MIGRATION_TABLE, READ_MIGRATION_LOCK_TABLE } from './read-store-migrator.js';
export * from './sqlite/sqlite-touched-rows.js';
export * from './sqlite/sqlite-row-diff.js';
