/** The ledger's own metrics, as Prometheus sees them (alerts and dashboards use these names). */
export const METRIC_NAMES = {
  /** Histogram, labels `command` and `outcome` (`ok` or `error`). */
  commandDuration: 'ledger_command_duration_seconds',
  /** Counter, labels `command` and `code` (the problem code, e.g. `GRANT.BUDGET_EXCEEDED`). */
  commandErrors: 'ledger_command_errors_total',
  /** Counter: events written by commands (a replayed command writes none). */
  eventsAppended: 'ledger_events_appended_total',
  /** Gauge, label `projection`: events in the log after the projection's checkpoint. */
  projectionLagEvents: 'ledger_projection_lag_events',
  /** Gauge, label `projection`: age of the oldest event it has not taken in yet; 0 when caught up. */
  projectionLagSeconds: 'ledger_projection_lag_seconds',
  /** Counter, label `projection`: events its handler applied; `rate()` gives events per second. */
  projectionEventsApplied: 'ledger_projection_events_applied_total',
  /** Gauge, label `projection`: 1 while it is stopped on a failure, else 0. */
  projectionFailed: 'ledger_projection_failed',
} as const;
