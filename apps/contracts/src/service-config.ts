import { ReadModelConfigError, resolveReadModelTarget } from '@app/read-models';

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
}

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');

export class ServiceConfigError extends Error {
  override readonly name = 'ServiceConfigError';

  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

const DEFAULTS = { port: 3000, dataDir: './data', accrualIntervalSeconds: 60, sseHeartbeatSeconds: 15 } as const;

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
  return { port, eventStoreUrl, dataDir, readModelUrl, accrualIntervalSeconds, sseHeartbeatSeconds };
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
