export * from './read-store.js';
export * from './sqlite/sqlite-read-store.js';
