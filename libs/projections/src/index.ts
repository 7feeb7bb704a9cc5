export * from './projection.js';
export * from './registry.js';
export * from './all-projections.js';
export * from './runner/projection-runner.js';
export * from './runner/projection-status.js';
export * from './runner/runner-options.js';

export * from './grant-register/grant-register.projection.js';
export * from './grant-register/grant-register.queries.js';
export type * from './grant-register/grant-register.tables.js';
export * from './audit-trail/audit-trail.projection.js';
export * from './audit-trail/audit-trail.queries.js';
export type * from './audit-trail/audit-trail.tables.js';
export * from './innovator-summary/innovator-summary.projection.js';
export * from './innovator-summary/innovator-summary.queries.js';
export type * from './innovator-summary/innovator-summary.tables.js';
export * from './introduction-funnel/introduction-funnel.projection.js';
export * from './introduction-funnel/introduction-funnel.queries.js';
export type * from './introduction-funnel/introduction-funnel.tables.js';
export * from './programme-impact/programme-impact.projection.js';
export * from './programme-impact/programme-impact.queries.js';
export type * from './programme-impact/programme-impact.tables.js';
export type { RunnerTables, ProjectionCheckpointsTable } from './runner/checkpoint-table.js';
export type { AuditEntry, AuditCorrectionRef } from './audit-trail/audit-trail.entry.js';
export type { FunnelRow } from './introduction-funnel/introduction-funnel.figures.js';
export * from './paging.js';
export * from './time-travel/read-models-at.js';
export * from './time-travel/read-models-at.cache.js';
export * from './time-travel/position-at.js';
export * from './time-travel/as-at.js';
export * from './rebuild/rebuild-projections.js';
export * from './rebuild/rebuild-result.js';
export * from './rebuild/projection-overview.js';
export { shadowFileOf } from './rebuild/shadow-store.js';
export * from './rebuild/replay-projection.js';
export * from './rebuild/postgres/postgres-rebuild.js';
// A read store's tables compared row by row with another's (a build from scratch): the crash specs' and the soak's oracle.
export {
  bookkeepingTables,
  type CheckpointRow,
  type ComparedTable,
  compareTable,
  readCheckpoints,
  readTableNames,
  type TableComparison,
} from './runner/testing/crash-readers.js';
export { LEDGER_TABLES } from './runner/testing/ledger-projections.js';
