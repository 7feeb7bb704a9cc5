import type { LoggerService, LogLevel as NestLogLevel } from '@nestjs/common';
import type { JsonLogger } from './json-logger.js';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Nest's levels, the most verbose first, with the JSON logger's name for each. */
const LEVEL_OF: readonly (readonly [NestLogLevel, Level])[] = [
  ['verbose', 'trace'],
  ['debug', 'debug'],
  ['log', 'info'],
  ['warn', 'warn'],
  ['error', 'error'],
  ['fatal', 'fatal'],
];

/**
 * Nest's logger over a JSON logger: `app.useLogger(new NestJsonLogger(logger))` sends Nest's own
 * lines and every `new Logger(context)` of the app to it, with `context` as a field.
 *
 * @example
 * const app = await NestFactory.create(AppModule, { bufferLogs: true });
 * app.useLogger(new NestJsonLogger(createJsonLogger({ level: config.logLevel, name: 'ledger-api' })));
 */
export class NestJsonLogger implements LoggerService {
  constructor(private readonly logger: JsonLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }

  /** Nest calls `error(message, stack?, context?)`; a lone second argument is a stack if it looks like one. */
  error(message: unknown, ...params: unknown[]): void {
    const context = params.length > 1 ? params.at(-1) : isStack(params[0]) ? undefined : params[0];
    const stack = params.length > 1 ? params[0] : isStack(params[0]) ? params[0] : undefined;
    this.emit('error', message, context, typeof stack === 'string' ? { stack } : {});
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  /**
   * `app.useLogger(['error', 'warn'])` sets the JSON logger's level to the most verbose level listed,
   * for every line written through it (request lines included).
   */
  setLogLevels(levels: NestLogLevel[]): void {
    const lowest = LEVEL_OF.find(([nest]) => levels.includes(nest));
    this.logger.level = lowest === undefined ? 'silent' : lowest[1];
  }

  /** Nest appends the context as the last argument. */
  private write(level: Level, message: unknown, params: readonly unknown[]): void {
    this.emit(level, message, params.at(-1), {});
  }

  private emit(level: Level, message: unknown, context: unknown, fields: Record<string, unknown>): void {
    const base = typeof context === 'string' ? { ...fields, context } : fields;
    if (message instanceof Error) {
      this.logger[level]({ ...base, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...base, data: message });
    } else {
      this.logger[level](base, String(message));
    }
  }
}

function isStack(value: unknown): value is string {
  return typeof value === 'string' && /\n\s+at /.test(value);
}
