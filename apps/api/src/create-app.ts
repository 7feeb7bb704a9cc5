import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json, urlencoded } from 'express';
import helmet from 'helmet';
import type { LedgerConfig } from '@ledger/config';
import { createJsonLogger, HttpRequestTracker, type JsonLogger, NestJsonLogger } from '@ledger/observability';
import { AppModule } from './app.module.js';
import { BROWSER_FORM_PATHS } from './browser/sign-in.http.controller.js';
import { refuseDeclaredOversizedBodies } from './http/declared-body-limit.js';
import { refuseBodiesNotJson, refuseDuplicateKeys } from './http/json-bodies.js';
import { createValidationPipe } from './http/validation.pipe.js';

export interface CreateAppOptions {
  /**
   * Where log lines go: by default JSON lines on stdout at `config.logLevel`; `false` writes none
   * (tests); a JsonLogger of the caller's (a test reading the lines back).
   */
  readonly logger?: false | JsonLogger;
}

/**
 * Builds the HTTP app from a configuration: used by `main.ts` and by the e2e tests alike.
 *
 * @example
 * const app = await createApp(loadConfig());
 * await app.listen(3000);
 */
export async function createApp(
  config: LedgerConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const logger =
    options.logger === false
      ? createJsonLogger({ level: 'silent', name: 'ledger-api' })
      : (options.logger ?? createJsonLogger({ level: config.logLevel, name: 'ledger-api' }));
  // Given at creation rather than through useLogger, so a failure to start is a JSON line too.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, logger), {
    bodyParser: false,
    logger: options.logger === false ? false : new NestJsonLogger(logger),
  });
  // Before the body parsers, so a refused body gets a correlation id and a request line too.
  const requests = app.get(HttpRequestTracker);
  app.use(requests.begin);
  // Security headers on every answer, errors included. No `upgrade-insecure-requests`: the ledger is
  // often reached over plain HTTP on a private network or behind a TLS-terminating proxy, and the
  // directive would send the sign-in form to an https:// address nobody serves.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  // A body declared too large is refused (413) before any of it is read; one that turns out too
  // large (chunked, no Content-Length) is refused by the parser while reading, before it is parsed.
  app.use(refuseDeclaredOversizedBodies(config.maxBodyBytes));
  // A command body is JSON and nothing else (415); only the browser's sign-in and sign-out forms
  // post urlencoded. A JSON body giving one key twice is refused while it is read (ADR 0021).
  app.use(refuseBodiesNotJson(BROWSER_FORM_PATHS));
  // express's own parsers: Nest's useBodyParser keeps `verify` for itself.
  app.use(json({ limit: config.maxBodyBytes, type: 'application/json', verify: refuseDuplicateKeys }));
  app.use(urlencoded({ limit: 16 * 1024, extended: false }));
  app.use(requests.resume);
  limitRequestTime(app.getHttpServer(), config.requestTimeoutSeconds);
  app.disable('x-powered-by');
  app.useGlobalPipes(createValidationPipe());
  // On SIGTERM: requests in flight finish (HttpDrain), the projection batch in flight commits
  // (ReadModelsModule), the stores close, and the process exits 0 rather than dying of the signal.
  app.enableShutdownHooks([], { useProcessExit: true });
  if (config.corsOrigin) app.enableCors({ origin: config.corsOrigin });
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApiInfo()));
  return app;
}

/**
 * A client has `seconds` to send a whole request, headers included; then Node answers 408 and closes
 * the connection. Node's own default (300 s) let a body shorter than its Content-Length hold a
 * connection for five minutes. The timeouts are checked every second rather than every 30 s, read
 * by Node when the server starts listening.
 */
function limitRequestTime(server: Server, seconds: number): void {
  server.requestTimeout = seconds * 1000;
  server.headersTimeout = seconds * 1000;
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = 1000;
}

function openApiInfo() {
  return new DocumentBuilder()
    .setTitle('Programme Ledger')
    .setDescription(
      'Event-sourced ledger of grant awards, payments, introductions and partnerships. Money is integer pence. ' +
        'Every route needs `Authorization: Bearer <token>`; errors are application/problem+json with a stable code.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
}
