export * from './port.js';
export * from './errors.js';
export * from './sqlite/sqlite-event-store.js';
export * from './handle-command.js';
export * from './snapshots/snapshotting-event-store.js';
export * from './upcasting/upcasting-event-store.js';
export { UnreadableEventError } from './upcasting/upcast-recorded-event.js';
export * from './eventstoredb/esdb-event-store.js';
export * from './hashing/event-hash.js';
