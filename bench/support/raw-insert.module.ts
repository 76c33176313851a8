import { randomUUID } from 'node:crypto';
import { Body, Controller, DynamicModule, HttpCode, Inject, Module, OnModuleInit, Post } from '@nestjs/common';
import type { SqlExecutor } from '@app/event-store';
import { Requires } from '../../apps/contracts/src/access/requires.decorator';

// The HTTP baseline of scenario 2: an endpoint in the same Nest app, behind the same JSON body
// parser and the same authentication (the global access guard), that does one raw INSERT of an
// event-shaped row per request and nothing else (no validation, no load, no fold, no decide, no
// hash chain, no append lock). Bench-only: it is
// composed with AppModule by bench-app.ts and never shipped.

export const RAW_INSERT_PATH = 'bench/raw-insert';
export const RAW_INSERT_TABLE = 'bench_raw_inserts';
const RAW_EXECUTOR = Symbol('RAW_EXECUTOR');

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS ${RAW_INSERT_TABLE} (
  position bigserial PRIMARY KEY,
  event_id uuid NOT NULL UNIQUE,
  stream_id text NOT NULL,
  revision integer NOT NULL,
  type text NOT NULL,
  data json NOT NULL,
  metadata json NOT NULL,
  stored_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (stream_id, revision)
)`;
const INSERT = `INSERT INTO ${RAW_INSERT_TABLE} (event_id, stream_id, revision, type, data, metadata) VALUES ($1, $2, 0, $3, $4, $5)`;

@Controller()
export class RawInsertController implements OnModuleInit {
  constructor(@Inject(RAW_EXECUTOR) private readonly db: SqlExecutor) {}

  async onModuleInit(): Promise<void> {
    await this.db.query(CREATE_TABLE);
  }

  @Post(RAW_INSERT_PATH)
  @HttpCode(201)
  @Requires('payment.record')
  async insert(@Body() body: Record<string, unknown>): Promise<{ ok: true }> {
    const commandId = randomUUID();
    const metadata = { commandId, correlationId: commandId, actor: 'anonymous', schemaVersion: 1, commandType: 'Raw' };
    await this.db.query(INSERT, [randomUUID(), `raw-${randomUUID()}`, 'RawPosted', JSON.stringify(body), JSON.stringify(metadata)]);
    return { ok: true };
  }
}

@Module({})
export class RawInsertModule {
  /** `db` is closed by whoever opened it (bench-app.ts, after the app). */
  static forRoot(db: SqlExecutor): DynamicModule {
    return { module: RawInsertModule, controllers: [RawInsertController], providers: [{ provide: RAW_EXECUTOR, useValue: db }] };
  }
}
