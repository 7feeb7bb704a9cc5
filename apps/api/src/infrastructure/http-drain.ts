import type { Server } from 'node:http';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { HttpRequestTracker } from '@ledger/observability';

/** How long a shutdown waits for requests in flight: well inside Kubernetes' default 30 s grace period. */
export const DRAIN_TIMEOUT_MS = 10_000;

/**
 * On shutdown, before anything else stops: no new connections, then the requests in flight finish.
 * Nest's own sequence stops the projections and closes the read store (`beforeApplicationShutdown`)
 * before it closes the HTTP server; a request still reading the read models would then fail.
 * `onModuleDestroy` runs before every `beforeApplicationShutdown`, so the requests finish first.
 */
@Injectable()
export class HttpDrain implements OnModuleDestroy {
  private readonly logger = new Logger('Shutdown');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly requests: HttpRequestTracker,
  ) {}

  async onModuleDestroy(): Promise<void> {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    // Nest closes it again later and waits for that close; this one only stops new connections.
    if (server?.listening) server.close();
    const inFlight = this.requests.inFlightCount;
    this.logger.log(`Shutting down: no new connections; ${inFlight} request(s) in flight`);
    if (!(await this.requests.drain(DRAIN_TIMEOUT_MS))) {
      this.logger.warn(
        `${this.requests.inFlightCount} request(s) still in flight after ${DRAIN_TIMEOUT_MS} ms; stopping anyway`,
      );
    }
  }
}
