import { type DynamicModule, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { parseKek } from '@app/confidential';
import { openEventStore, PgExecutor, PgliteExecutor, type SqlExecutor } from '@app/event-store';
import { openReadModelStore, resolveReadModelTarget } from '@app/read-models';
import { openAccess } from '../../apps/contracts/src/access/open-access';
import { AppModule, type AppModuleOptions } from '../../apps/contracts/src/app.module';
import { useJsonBody } from '../../apps/contracts/src/http/json-body';
import { ProblemDetailsFilter } from '../../apps/contracts/src/http/problem-details.filter';
import { ProblemValidationPipe } from '../../apps/contracts/src/http/validation.pipe';
import { ReadModels } from '../../apps/contracts/src/read-models/read-models.provider';
import type { ServiceConfig } from '../../apps/contracts/src/service-config';
import { BENCH_NOW } from '../data/bench-calendar';
import { BENCH_API_KEY } from './bench-api-key';
import { FixedClock } from './fixed-clock';
import { RawInsertModule } from './raw-insert.module';
import type { StoreTarget } from './store-target';

// The service as createApp wires it (same AppModule, body parser, pipe and filter; no OpenAPI
// page), listening on a free port, with the clock pinned to BENCH_NOW and the accrual scheduler
// off (scenarios run it on demand); for the HTTP scenario, plus the bench-only raw-insert endpoint
// in the same Nest app. Only then: on the embedded store that endpoint has a PGlite instance of its
// own, which costs a second or two to start and a few hundred MB that are not the service's.

export interface BenchApp {
  app: NestExpressApplication;
  baseUrl: string;
  /** The service's pinned clock. */
  clock: FixedClock;
  /** Resolves once the read models have projected every event stored before start. */
  caughtUp(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

@Module({})
class BenchRootModule {
  static forRoot(app: AppModuleOptions, raw: SqlExecutor | undefined): DynamicModule {
    return { module: BenchRootModule, imports: [AppModule.forRoot(app), ...(raw ? [RawInsertModule.forRoot(raw)] : [])] };
  }
}

/** The service's configuration on `target`, as the bench runs it. */
export function benchServiceConfig(target: Pick<StoreTarget, 'eventStoreUrl'>): ServiceConfig {
  // A fixed KEK (5.2): a PostgreSQL store refuses to start without one, and no DATA_DIR is writable here.
  const confidential = { kek: parseKek(Buffer.alloc(32, 0xbe).toString('base64')), previousKeks: [] };
  return { port: 0, eventStoreUrl: target.eventStoreUrl, dataDir: '/nonexistent', accrualIntervalSeconds: 0, confidential };
}

/**
 * `now`: the pinned server clock (BENCH_NOW unless a scenario runs another night).
 * `rawInsert`: also serve POST /bench/raw-insert (the HTTP scenario's baseline).
 */
export async function startBenchApp(target: StoreTarget, options: { now?: string; rawInsert?: boolean } = {}): Promise<BenchApp> {
  const config = benchServiceConfig(target);
  const opened = await openEventStore(config.eventStoreUrl, { dataDir: config.dataDir });
  const readModels = await openReadModelStore(resolveReadModelTarget(undefined, { eventStoreUrl: config.eventStoreUrl, dataDir: config.dataDir }));
  // The raw baseline writes where the events live: same server and schema, or (embedded) a
  // PGlite directory of its own beside the store (one PGlite instance per directory).
  const raw: SqlExecutor | undefined = !options.rawInsert
    ? undefined
    : target.kind === 'postgres'
      ? PgExecutor.create({ connectionString: target.eventStoreUrl })
      : await PgliteExecutor.open(`${target.eventStoreUrl.slice('pglite:'.length)}-raw`);
  const access = await openAccess(undefined, { bootstrapApiKey: BENCH_API_KEY }, BENCH_NOW.toString());
  const clock = new FixedClock(options.now ?? BENCH_NOW);
  const app = await NestFactory.create<NestExpressApplication>(BenchRootModule.forRoot({ config, opened, readModels, access, clock }, raw), {
    bodyParser: false,
    abortOnError: false,
    logger: ['error'],
  });
  app.disable('x-powered-by');
  useJsonBody(app);
  app.useGlobalPipes(new ProblemValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    baseUrl: `http://127.0.0.1:${address.port}`,
    clock,
    caughtUp: (timeoutMs = 600_000) => app.get(ReadModels).projector.waitForCatchUp(timeoutMs),
    close: async () => {
      await app.close();
      await raw?.close();
    },
  };
}
