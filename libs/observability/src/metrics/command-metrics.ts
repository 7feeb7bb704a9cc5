import { Counter, Histogram, type Registry } from 'prom-client';
import { METRIC_NAMES } from './metric-names.js';

/** Times commands and counts their failures by code. */
export interface CommandMetrics {
  /**
   * Runs `execute`, observing its latency with its outcome and, when it throws, its error code;
   * the result or the error passes through unchanged.
   */
  observe<T>(command: string, execute: () => Promise<T>): Promise<T>;
  /** Counts events a command wrote. */
  eventsAppended(count: number): void;
}

export interface CommandMetricsOptions {
  /** The stable code of a failure, as clients see it; by default the error's `code`, else `INTERNAL`. */
  readonly errorCode?: (error: unknown) => string;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * Registers the command metrics (see `METRIC_NAMES`) on `registry`.
 *
 * @example
 * const commands = registerCommandMetrics(registry);
 * const outcome = await commands.observe('AwardGrant', () => bus.execute(command));
 */
export function registerCommandMetrics(
  registry: Registry,
  options: CommandMetricsOptions = {},
): CommandMetrics {
  const errorCode = options.errorCode ?? codeProperty;
  const duration = new Histogram({
    name: METRIC_NAMES.commandDuration,
    help: 'Time to execute a command, from the bus to the append, by outcome',
    labelNames: ['command', 'outcome'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  const errors = new Counter({
    name: METRIC_NAMES.commandErrors,
    help: 'Commands that failed, by the error code the client received',
    labelNames: ['command', 'code'] as const,
    registers: [registry],
  });
  const appended = new Counter({
    name: METRIC_NAMES.eventsAppended,
    help: 'Events appended to the log by commands',
    registers: [registry],
  });
  return {
    async observe<T>(command: string, execute: () => Promise<T>): Promise<T> {
      const stop = duration.startTimer({ command });
      try {
        const result = await execute();
        stop({ outcome: 'ok' });
        return result;
      } catch (error) {
        stop({ outcome: 'error' });
        errors.inc({ command, code: errorCode(error) });
        throw error;
      }
    },
    eventsAppended: (count) => appended.inc(count),
  };
}

function codeProperty(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : 'INTERNAL';
}
