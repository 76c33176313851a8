import { type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { CalendarCatalog } from '@app/contracts-domain';
import { openEventStore } from '@app/event-store';
import { openReadModelStore, resolveReadModelTarget } from '@app/read-models';
import { MemoryWebhookStore, SqlWebhookStore } from '@app/webhooks';
import { openAccess, reportProvisioning } from './access/open-access';
import { AppModule } from './app.module';
import { type Clock, SystemClock } from './clock';
import { useHardening } from './http/hardening/use-hardening';
import { MemoryIdempotencyStore, SqlIdempotencyStore, useIdempotency } from './http/idempotency';
import { useJsonBody } from './http/json-body';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { ProblemValidationPipe } from './http/validation.pipe';
import type { ServiceConfig } from './service-config';

export interface CreateAppOptions {
  /** Replaces the system clock (tests). */
  clock?: Clock;
  /** Replaces the calendar versions this build ships (tests: a release not shipped yet). */
  calendars?: CalendarCatalog;
  logger?: LoggerService | LogLevel[] | false;
}

/**
 * The whole service, wired: used by main.ts and by the end-to-end tests, so tests exercise the
 * real pipes, filters and routes. Initialised, not listening.
 */
export async function createApp(config: ServiceConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const opened = await openEventStore(config.eventStoreUrl, { dataDir: config.dataDir });
  let readModels: Awaited<ReturnType<typeof openReadModelStore>> | undefined;
  try {
    const target = resolveReadModelTarget(config.readModelUrl, { eventStoreUrl: config.eventStoreUrl, dataDir: config.dataDir });
    readModels = await openReadModelStore(target);
    // Webhook state is not a projection (secrets, attempts, parked deliveries): kept in the same
    // database as the read models so the embedded default needs no second PGlite.
    const webhookStore = readModels.sql ? await SqlWebhookStore.open(readModels.sql) : new MemoryWebhookStore();
    const idempotencyStore = readModels.sql ? await SqlIdempotencyStore.open(readModels.sql) : new MemoryIdempotencyStore();
    const access = await openAccess(readModels.sql, config.auth, (options.clock ?? new SystemClock()).now().toString());
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ config, opened, readModels, webhookStore, access, clock: options.clock, calendars: options.calendars }),
      {
        bodyParser: false, // useJsonBody registers it with its own error mapping
        abortOnError: false,
        ...(options.logger !== undefined ? { logger: options.logger } : {}),
      },
    );
    app.disable('x-powered-by');
    useHardening(app, config);
    useJsonBody(app);
    app.useGlobalPipes(new ProblemValidationPipe());
    app.useGlobalFilters(new ProblemDetailsFilter());
    useIdempotency(app, idempotencyStore, config);
    setUpOpenApi(app);
    await app.init();
    reportProvisioning(access.provisioned);
    return app;
  } catch (error) {
    await readModels?.store.close().catch(() => undefined);
    await opened.store.close().catch(() => undefined);
    throw error;
  }
}

function setUpOpenApi(app: NestExpressApplication): void {
  const document = new DocumentBuilder()
    .setTitle('Maintenance contracts')
    .setDescription(
      'Records the life of software-maintenance contracts (维保合同) as events: signing, payment, faults, inspections, ' +
        'trainings; accrues 5.1 late-day penalties and terminates a contract past its threshold. Errors are application/problem+json.',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'an API key (clk_…) for a system' }, 'api-key')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'a token from the configured issuer, for a person' }, 'bearer')
    .build();
  SwaggerModule.setup('docs', app, () => SwaggerModule.createDocument(app, document));
}
