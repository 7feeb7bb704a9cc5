import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { LedgerConfig } from '@ledger/config';
import { AppModule } from './app.module.js';
import { createValidationPipe } from './http/validation.pipe.js';

/**
 * Builds the HTTP app from a configuration: used by `main.ts` and by the e2e tests alike.
 *
 * @example
 * const app = await createApp(loadConfig());
 * await app.listen(3000);
 */
export async function createApp(
  config: LedgerConfig,
  options: { logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  // The limit is checked while reading, so an oversized body is refused (413) before it is parsed.
  app.useBodyParser('json', { limit: config.maxBodyBytes, type: ['application/json', 'application/*+json'] });
  // Only the browser sign-in form posts urlencoded.
  app.useBodyParser('urlencoded', { limit: 16 * 1024, extended: false });
  app.disable('x-powered-by');
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  if (config.corsOrigin) app.enableCors({ origin: config.corsOrigin });
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, openApiInfo()));
  return app;
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
