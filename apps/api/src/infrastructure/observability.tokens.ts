/** The api's JSON logger (`JsonLogger`), the one Nest's logger writes to. */
export const JSON_LOGGER = Symbol('JSON_LOGGER');
/** The api's own Prometheus registry, served at `/metrics`. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');
export const COMMAND_METRICS = Symbol('COMMAND_METRICS');
