import { pino } from 'pino';
import type { LogLevel } from '@ledger/config';
import { currentCorrelationId } from '../correlation/correlation-context.js';

/** A pino logger: one JSON object per line. */
export type JsonLogger = pino.Logger;

export interface JsonLoggerOptions {
  /** `LEDGER_LOG_LEVEL` (`config.logLevel`); `silent` writes nothing. */
  readonly level: LogLevel | 'silent';
  /** Which process wrote the line (`ledger-api`, `ledger-projector`), as the `name` field. */
  readonly name: string;
  /** Standard output by default; tests pass a stream to read the lines back. */
  readonly destination?: pino.DestinationStream;
}

/**
 * A JSON logger whose every line carries the correlation id of the work in progress (see
 * `withCorrelationId`), the level as a word and the time in ISO 8601.
 *
 * @example
 * const logger = createJsonLogger({ level: config.logLevel, name: 'ledger-projector' });
 * logger.info({ projection: 'grant-register' }, 'caught up');
 * // {"level":"info","time":"2024-05-01T09:00:00.000Z","name":"ledger-projector","projection":"grant-register","msg":"caught up"}
 */
export function createJsonLogger(options: JsonLoggerOptions): JsonLogger {
  const settings: pino.LoggerOptions = {
    level: options.level,
    name: options.name,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin: () => {
      const correlationId = currentCorrelationId();
      return correlationId === undefined ? {} : { correlationId };
    },
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}

/**
 * The logger a `ProjectionRunner` (or anything else wanting `log` and `error`) writes to.
 *
 * @example
 * new ProjectionRunner(events, readStore, ALL_PROJECTIONS, { logger: runnerLogger(logger, 'Projections') });
 */
export function runnerLogger(
  logger: JsonLogger,
  context: string,
): { log(message: string): void; error(message: string): void } {
  const child = logger.child({ context });
  return { log: (message) => child.info(message), error: (message) => child.error(message) };
}
