import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import type { CalendarCatalog } from '@app/contracts-domain';
import { parseKek } from '@app/confidential';
import { createApp } from '../../apps/contracts/src/create-app';
import type { AuthSettings } from '../../apps/contracts/src/access/auth-settings';
import type { ServiceConfig, WebhookSettings } from '../../apps/contracts/src/service-config';
import { ManualClock } from './manual-clock';

// The real app (createApp, as main.ts builds it) on an embedded store, with a clock the test sets.

export interface TestApp {
  app: NestExpressApplication;
  clock: ManualClock;
  /** Requests as the bootstrap admin (X-API-Key: TEST_ADMIN_KEY); send another key with .set() to act as someone else. */
  http: () => ReturnType<typeof request>;
  /** Requests with no credentials at all. */
  anonymous: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** The admin key every test app is started with (BOOTSTRAP_API_KEY's role). */
export const TEST_ADMIN_KEY = 'clk_7e57ad0000000000_testadmintestadmintestadmintestadmintestadm';
/** The actor recorded for what the test admin key does (the principal id). */
export const TEST_ADMIN_ACTOR = 'key:7e57ad0000000000';

/** supertest with X-API-Key preset on every request it makes. */
export function authenticated(server: Parameters<typeof request>[0], key: string = TEST_ADMIN_KEY): ReturnType<typeof request> {
  return request.agent(server).set('X-API-Key', key) as unknown as ReturnType<typeof request>;
}

export interface TestAppOptions {
  eventStoreUrl?: string;
  now?: string;
  accrualIntervalSeconds?: number;
  /** The calendar versions the app knows; default the ones this build ships. */
  calendars?: CalendarCatalog;
  /** Default: the service's defaults (no private addresses, retries over a day). */
  webhooks?: WebhookSettings;
  publicBaseUrl?: string;
  /** Default: follow the event store (see resolveReadModelTarget). */
  readModelUrl?: string;
  /** Default: no rate limit (a test that wants one asks for it). */
  rateLimitPerMinute?: number;
  /** Default: none, so no CORS headers. */
  corsOrigins?: string[];
  /** CONFIDENTIAL_KEK (base64 of 32 bytes); default TEST_KEK, so a PostgreSQL store starts. */
  confidentialKek?: string;
  /** Added to the bootstrap admin key (TEST_ADMIN_KEY), e.g. a JWT issuer. */
  auth?: AuthSettings;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const config: ServiceConfig = {
    port: 0,
    eventStoreUrl: options.eventStoreUrl ?? 'pglite:memory',
    dataDir: '/nonexistent', // every test names its store explicitly
    accrualIntervalSeconds: options.accrualIntervalSeconds ?? 0,
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    ...(options.publicBaseUrl ? { publicBaseUrl: options.publicBaseUrl } : {}),
    ...(options.readModelUrl ? { readModelUrl: options.readModelUrl } : {}),
    ...(options.rateLimitPerMinute ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
    confidential: { kek: parseKek(options.confidentialKek ?? TEST_KEK), previousKeks: [] },
    auth: { bootstrapApiKey: TEST_ADMIN_KEY, ...options.auth },
  };
  const clock = new ManualClock(options.now ?? '2021-01-10T09:00:00+08:00');
  const app = await createApp(config, { clock, calendars: options.calendars, logger: false });
  return { app, clock, http: () => authenticated(app.getHttpServer()), anonymous: () => request(app.getHttpServer()), close: () => app.close() };
}

/** The fixed key-encryption key of test apps (never a real one). */
export const TEST_KEK = Buffer.alloc(32, 0x7e).toString('base64');

const EXAMPLES = join(__dirname, '../../examples/contracts');

/** A seed contract's terms exactly as a client posts them (examples/contracts/*.json). */
export function exampleTerms(name: 'basiccall-2021' | 'itime-2023'): Record<string, unknown> {
  return JSON.parse(readFileSync(join(EXAMPLES, `${name}.json`), 'utf8')) as Record<string, unknown>;
}

export const PROBLEM_JSON = /^application\/problem\+json/;

/** The response is a problem+json with this status (and, if given, names this field). */
export function expectProblem(response: { status: number; headers: Record<string, string>; body: unknown }, status: number, field?: string): void {
  const body = response.body as { status: number; type: string; title: string; detail: string; errors?: { field: string; message: string }[] };
  expect({ status: response.status, body: body && { status: body.status } }).toEqual({ status, body: { status } });
  expect(response.headers['content-type']).toMatch(PROBLEM_JSON);
  expect(typeof body.type).toBe('string');
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  if (field !== undefined) expect(body.errors?.map((e) => e.field)).toContain(field);
}
