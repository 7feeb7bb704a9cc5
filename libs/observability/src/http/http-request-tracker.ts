import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  CORRELATION_ID_HEADER,
  correlationIdFrom,
  withCorrelationId,
} from '../correlation/correlation-context.js';
import type { JsonLogger } from '../logging/json-logger.js';

/** A Connect-style middleware, as Express and a bare `node:http` server both take. */
export type Middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => void;

export interface HttpRequestTrackerOptions {
  /** Paths whose request lines are written at `debug`: probes and scrapes that would drown the rest. */
  readonly quietPaths?: readonly string[];
}

const correlationIds = new WeakMap<IncomingMessage, string>();

/** The correlation id `HttpRequestTracker.begin` gave the request; undefined if it did not see it. */
export function correlationIdOf(request: IncomingMessage): string | undefined {
  return correlationIds.get(request);
}

/**
 * Gives every HTTP request a correlation id (the caller's `X-Correlation-Id` when sane, else a new
 * UUID), echoes it, writes one line per request (method, path, status, duration, correlation id;
 * never headers, cookies or the query string), and knows which requests are in flight, so a
 * shutdown can let them finish.
 *
 * `begin` goes before the body parsers, so a refused body is logged too; `resume` goes after them,
 * because a body parser calls the next middleware from a stream event, outside the request's
 * async context.
 *
 * @example
 * const requests = new HttpRequestTracker(logger, { quietPaths: ['/health/live'] });
 * app.use(requests.begin);
 * app.useBodyParser('json');
 * app.use(requests.resume);
 * // on shutdown: stop accepting connections, then
 * await requests.drain(10_000);
 */
export class HttpRequestTracker {
  private readonly inFlight = new Set<ServerResponse>();
  private readonly waiting = new Set<() => void>();
  private readonly quietPaths: ReadonlySet<string>;
  private draining = false;

  constructor(
    private readonly logger: JsonLogger,
    options: HttpRequestTrackerOptions = {},
  ) {
    this.quietPaths = new Set(options.quietPaths ?? []);
  }

  readonly begin: Middleware = (request, response, next) => {
    const correlationId = correlationIdFrom(request.headers[CORRELATION_ID_HEADER.toLowerCase()]);
    correlationIds.set(request, correlationId);
    response.setHeader(CORRELATION_ID_HEADER, correlationId);
    this.track(request, response, correlationId);
    withCorrelationId(correlationId, next);
  };

  readonly resume: Middleware = (request, _response, next) => {
    const correlationId = correlationIds.get(request);
    if (correlationId === undefined) next();
    else withCorrelationId(correlationId, next);
  };

  /** Requests received whose response has not finished. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  /**
   * Resolves true once no request is in flight, false when `timeoutMs` passes first. From now on
   * responses ask the client to close its connection, so keep-alive clients go elsewhere.
   */
  drain(timeoutMs: number): Promise<boolean> {
    this.draining = true;
    for (const response of this.inFlight) closeAfter(response);
    if (this.inFlight.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const idle = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.waiting.delete(idle);
        resolve(false);
      }, timeoutMs);
      this.waiting.add(idle);
    });
  }

  private track(request: IncomingMessage, response: ServerResponse, correlationId: string): void {
    const startedAt = performance.now();
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const method = request.method ?? 'GET';
    if (this.draining) closeAfter(response);
    this.inFlight.add(response);
    const done = (): void => {
      if (!this.inFlight.delete(response)) return;
      const durationMs = Math.round((performance.now() - startedAt) * 10) / 10;
      const line = { correlationId, method, path, status: response.statusCode, durationMs };
      const aborted = !response.writableFinished;
      const level = this.quietPaths.has(path) && !aborted ? 'debug' : 'info';
      this.logger[level](aborted ? { ...line, aborted } : line, 'request');
      if (this.inFlight.size === 0) this.notifyIdle();
    };
    response.once('finish', done);
    response.once('close', done);
  }

  private notifyIdle(): void {
    for (const idle of this.waiting) idle();
    this.waiting.clear();
  }
}

function closeAfter(response: ServerResponse): void {
  if (!response.headersSent) response.setHeader('Connection', 'close');
}
