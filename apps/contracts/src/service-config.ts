import { ReadModelConfigError, resolveReadModelTarget } from '@app/read-models';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '@app/webhooks';
import { type ConfidentialSettings, readConfidentialSettings } from './confidential/confidential-settings';
import { type AuthSettings, readAuthSettings } from './access/auth-settings';
import { DEFAULT_IDEMPOTENCY_KEY_TTL_HOURS } from './http/idempotency/idempotent-requests';

// The service's whole configuration, read from the environment once at start-up. Nothing else in
// the app reads process.env: everything else gets this object (tests build one by hand).

export interface ServiceConfig {
  port: number;
  /** EVENT_STORE_URL as given; undefined = embedded PGlite under dataDir (see openEventStore). */
  eventStoreUrl: string | undefined;
  dataDir: string;
  /** READ_MODEL_URL as given; unset = follow the event store (see resolveReadModelTarget). */
  readModelUrl?: string;
  /** 0 disables the scheduler. */
  accrualIntervalSeconds: number;
  /** Seconds between SSE heartbeat comments on GET /events; optional so hand-built configs get the default. */
  sseHeartbeatSeconds?: number;
  /** Where clients reach the service (https://contracts.example.com): the base of `dataschema` links in published events. */
  publicBaseUrl?: string;
  /** Outbound webhooks; optional so hand-built configs get DEFAULT_WEBHOOK_SETTINGS. */
  webhooks?: WebhookSettings;
  /** How long an Idempotency-Key is remembered; unset (hand-built test configs) = DEFAULT_IDEMPOTENCY_KEY_TTL_HOURS. */
  idempotencyKeyTtlHours?: number;
  /** Requests per minute one client IP may make (HTTP routes; /health exempt); 0 or unset (hand-built test configs) = no limit. */
  rateLimitPerMinute?: number;
  /** Exact origins (https://app.example.com) browsers may call from; empty or unset = no CORS headers at all. */
  corsOrigins?: string[];
  /** CONFIDENTIAL_KEK and CONFIDENTIAL_KEK_PREVIOUS (5.2); unset: see open-keyring.ts. */
  confidential?: ConfidentialSettings;
  /** API keys and bearer tokens; unset or empty = the first start generates an admin key (see auth-settings.ts). */
  auth?: AuthSettings;
}

export interface WebhookSettings {
  /** False: this instance queues and sends nothing (in a fleet, exactly one instance should send). */
  enabled: boolean;
  /** Allow endpoints on loopback, private and link-local addresses (tests, a private network you trust). */
  allowPrivateNetworks: boolean;
  /** One attempt's whole budget: connect, send, response headers. */
  timeoutMs: number;
  retry: RetryPolicy;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = Object.freeze({
  enabled: true,
  allowPrivateNetworks: false,
  timeoutMs: 10_000,
  retry: DEFAULT_RETRY_POLICY,
});

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

export class ServiceConfigError extends Error {
  override readonly name = 'ServiceConfigError';

  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const DEFAULTS = { port: 3000, dataDir: './data', accrualIntervalSeconds: 60, sseHeartbeatSeconds: 15, rateLimitPerMinute: 600 } as const;

/** Used when a hand-built config (tests, tools) leaves sseHeartbeatSeconds out. */
export const DEFAULT_SSE_HEARTBEAT_SECONDS = DEFAULTS.sseHeartbeatSeconds;

/** Reads and checks every setting, reporting all problems at once rather than the first. */
export function readServiceConfig(env: NodeJS.ProcessEnv): ServiceConfig {
  const problems: string[] = [];
  const port = integer(env, 'PORT', DEFAULTS.port, problems, { min: 1, max: 65_535, what: 'a TCP port from 1 to 65535' });
  const accrualIntervalSeconds = integer(env, 'ACCRUAL_INTERVAL_SECONDS', DEFAULTS.accrualIntervalSeconds, problems, {
    min: 0,
    max: 2_147_483, // setInterval's limit is 2^31-1 ms
    what: 'a non-negative whole number of seconds (0 disables the accrual scheduler)',
  });
  const sseHeartbeatSeconds = integer(env, 'SSE_HEARTBEAT_SECONDS', DEFAULTS.sseHeartbeatSeconds, problems, {
    min: 1,
    max: 3_600, // proxies drop idle connections after a minute or so; an hour is already useless
    what: 'a whole number of seconds from 1 to 3600',
  });
  const webhooks = readWebhookSettings(env, problems);
  const publicBaseUrl = baseUrl(env, 'PUBLIC_BASE_URL', problems);
  const idempotencyKeyTtlHours = integer(env, 'IDEMPOTENCY_KEY_TTL_HOURS', DEFAULT_IDEMPOTENCY_KEY_TTL_HOURS, problems, {
    min: 1,
    max: 8_760, // a year: longer only grows a table of answers nobody will ask for again
    what: 'a whole number of hours from 1 to 8760',
  });
  const rateLimitPerMinute = integer(env, 'RATE_LIMIT_PER_MINUTE', DEFAULTS.rateLimitPerMinute, problems, {
    min: 0,
    max: 1_000_000,
    what: 'a whole number of requests per minute (0 disables rate limiting)',
  });
  const corsOrigins = origins(env, 'CORS_ORIGINS', problems);
  const confidential = readConfidentialSettings(env, problems);
  const auth = readAuthSettings(env, problems);
  const eventStoreUrl = blankToUndefined(env.EVENT_STORE_URL);
  const dataDir = blankToUndefined(env.DATA_DIR) ?? DEFAULTS.dataDir;
  const readModelUrl = blankToUndefined(env.READ_MODEL_URL);
  try {
    resolveReadModelTarget(readModelUrl, { eventStoreUrl, dataDir });
  } catch (error) {
    if (!(error instanceof ReadModelConfigError)) throw error;
    problems.push(error.message);
  }
  if (problems.length) throw new ServiceConfigError(problems);
  return { port, eventStoreUrl, dataDir, readModelUrl, accrualIntervalSeconds, sseHeartbeatSeconds, publicBaseUrl, webhooks, rateLimitPerMinute, corsOrigins, idempotencyKeyTtlHours, confidential, auth };
}

function readWebhookSettings(env: NodeJS.ProcessEnv, problems: string[]): WebhookSettings {
  const seconds = (name: string, fallbackMs: number, max: number) =>
    integer(env, name, fallbackMs / 1_000, problems, { min: 1, max, what: `a whole number of seconds from 1 to ${max}` }) * 1_000;
  const retry: RetryPolicy = {
    initialDelayMs: seconds('WEBHOOK_RETRY_INITIAL_SECONDS', DEFAULT_RETRY_POLICY.initialDelayMs, 3_600),
    maxDelayMs: seconds('WEBHOOK_RETRY_MAX_SECONDS', DEFAULT_RETRY_POLICY.maxDelayMs, 86_400),
    retryWindowMs:
      integer(env, 'WEBHOOK_RETRY_WINDOW_HOURS', DEFAULT_RETRY_POLICY.retryWindowMs / 3_600_000, problems, {
        min: 1,
        max: 720,
        what: 'a whole number of hours from 1 to 720',
      }) * 3_600_000,
  };
  if (retry.maxDelayMs < retry.initialDelayMs) problems.push('WEBHOOK_RETRY_MAX_SECONDS must not be below WEBHOOK_RETRY_INITIAL_SECONDS');
  return {
    enabled: flag(env, 'WEBHOOKS_ENABLED', DEFAULT_WEBHOOK_SETTINGS.enabled, problems),
    allowPrivateNetworks: flag(env, 'WEBHOOK_ALLOW_PRIVATE_NETWORKS', DEFAULT_WEBHOOK_SETTINGS.allowPrivateNetworks, problems),
    timeoutMs: seconds('WEBHOOK_TIMEOUT_SECONDS', DEFAULT_WEBHOOK_SETTINGS.timeoutMs, 120),
    retry,
  };
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean, problems: string[]): boolean {
  const raw = blankToUndefined(env[name])?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  problems.push(`${name}=${JSON.stringify(env[name])} is not true or false`);
  return fallback;
}

function baseUrl(env: NodeJS.ProcessEnv, name: string, problems: string[]): string | undefined {
  const raw = blankToUndefined(env[name]);
  if (raw === undefined) return undefined;
  try {
    const url = new URL(raw);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.search && !url.hash && !url.username) return raw.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  problems.push(`${name}=${JSON.stringify(raw)} is not an http(s) URL without query, fragment or credentials`);
  return undefined;
}

/** Comma-separated exact origins; a path, a wildcard or a trailing slash is refused rather than guessed at. */
function origins(env: NodeJS.ProcessEnv, name: string, problems: string[]): string[] {
  const raw = blankToUndefined(env[name]);
  if (raw === undefined) return [];
  const listed = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  for (const origin of listed) {
    let parsed: string | undefined;
    try {
      const url = new URL(origin);
      if (url.protocol === 'http:' || url.protocol === 'https:') parsed = url.origin;
    } catch {
      // reported below
    }
    // URL.origin is the browser's own spelling (lower-case host, no default port): the Origin
    // header is compared with it byte for byte, so a list entry must already be in that form.
    if (parsed !== origin) problems.push(`${name}: ${JSON.stringify(origin)} is not an exact origin such as https://app.example.com`);
  }
  return listed;
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  problems: string[],
  range: { min: number; max: number; what: string },
): number {
  const raw = blankToUndefined(env[name]);
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    problems.push(`${name}=${JSON.stringify(raw)} is not ${range.what}`);
    return fallback;
  }
  return value;
}

function blankToUndefined(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
