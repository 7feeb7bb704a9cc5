import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * A registry of one's own rather than prom-client's global one, so two apps (or two tests) in one
 * process never register the same metric twice. With the process's default metrics (CPU, memory,
 * event-loop lag, handles) unless `defaultMetrics` is false.
 *
 * @example
 * const registry = createMetricsRegistry();
 * const text = await registry.metrics(); // served as registry.contentType
 */
export function createMetricsRegistry(options: { defaultMetrics?: boolean } = {}): Registry {
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
