import { createHash } from 'node:crypto';
import { DEFAULT_WEBHOOK_SETTINGS, readServiceConfig, ServiceConfigError } from './service-config';

describe('service configuration', () => {
  it('defaults to port 3000, the embedded store under ./data and an accrual every minute', () => {
    expect(readServiceConfig({})).toStrictEqual({
      port: 3000,
      eventStoreUrl: undefined,
      dataDir: './data',
      readModelUrl: undefined,
      accrualIntervalSeconds: 60,
      sseHeartbeatSeconds: 15,
      publicBaseUrl: undefined,
      webhooks: { enabled: true, allowPrivateNetworks: false, timeoutMs: 10_000, retry: { initialDelayMs: 5_000, maxDelayMs: 3_600_000, retryWindowMs: 86_400_000 } },
      idempotencyKeyTtlHours: 24,
      rateLimitPerMinute: 600,
      corsOrigins: [],
      confidential: { kek: undefined, previousKeks: [] },
      auth: {},
    });
    expect(DEFAULT_WEBHOOK_SETTINGS).toStrictEqual(readServiceConfig({}).webhooks);
  });

  it('reads every setting from the environment', () => {
    expect(
      readServiceConfig({ PORT: '8080', EVENT_STORE_URL: 'memory:', DATA_DIR: '/var/lib/contracts', READ_MODEL_URL: 'pglite:/var/lib/rm', ACCRUAL_INTERVAL_SECONDS: '0', SSE_HEARTBEAT_SECONDS: '5' }),
    ).toStrictEqual({
      port: 8080,
      eventStoreUrl: 'memory:',
      dataDir: '/var/lib/contracts',
      readModelUrl: 'pglite:/var/lib/rm',
      accrualIntervalSeconds: 0,
      sseHeartbeatSeconds: 5,
      publicBaseUrl: undefined,
      webhooks: DEFAULT_WEBHOOK_SETTINGS,
      idempotencyKeyTtlHours: 24,
      rateLimitPerMinute: 600,
      corsOrigins: [],
      confidential: { kek: undefined, previousKeks: [] },
      auth: {},
    });
  });

  it('reads the public base URL and the webhook settings', () => {
    const config = readServiceConfig({
      PUBLIC_BASE_URL: 'https://contracts.example.com/',
      WEBHOOKS_ENABLED: 'false',
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
      WEBHOOK_TIMEOUT_SECONDS: '3',
      WEBHOOK_RETRY_INITIAL_SECONDS: '2',
      WEBHOOK_RETRY_MAX_SECONDS: '600',
      WEBHOOK_RETRY_WINDOW_HOURS: '6',
    });
    expect(config.publicBaseUrl).toBe('https://contracts.example.com');
    expect(config.webhooks).toStrictEqual({
      enabled: false,
      allowPrivateNetworks: true,
      timeoutMs: 3_000,
      retry: { initialDelayMs: 2_000, maxDelayMs: 600_000, retryWindowMs: 6 * 3_600_000 },
    });
  });

  it('reads how long an Idempotency-Key is remembered', () => {
    expect(readServiceConfig({ IDEMPOTENCY_KEY_TTL_HOURS: '48' }).idempotencyKeyTtlHours).toBe(48);
  });

  it('treats blank values as unset', () => {
    expect(readServiceConfig({ PORT: ' ', EVENT_STORE_URL: '', DATA_DIR: '', READ_MODEL_URL: ' ' })).toMatchObject({
      port: 3000,
      eventStoreUrl: undefined,
      dataDir: './data',
      readModelUrl: undefined,
    });
  });

  it.each([
    ['PORT', 'http', 'PORT="http" is not a TCP port'],
    ['PORT', '70000', 'PORT="70000" is not a TCP port'],
    ['PORT', '0', 'PORT="0" is not a TCP port'],
    ['ACCRUAL_INTERVAL_SECONDS', '-5', 'ACCRUAL_INTERVAL_SECONDS="-5" is not a non-negative whole number'],
    ['ACCRUAL_INTERVAL_SECONDS', '1.5', 'ACCRUAL_INTERVAL_SECONDS="1.5" is not a non-negative whole number'],
    ['SSE_HEARTBEAT_SECONDS', '0', 'SSE_HEARTBEAT_SECONDS="0" is not a whole number of seconds from 1 to 3600'],
    ['READ_MODEL_URL', 'pglite:', "READ_MODEL_URL 'pglite:' needs a directory"],
    ['PUBLIC_BASE_URL', 'contracts.example.com', 'PUBLIC_BASE_URL="contracts.example.com" is not an http(s) URL'],
    ['PUBLIC_BASE_URL', 'https://x.example/?a=1', 'is not an http(s) URL without query'],
    ['WEBHOOKS_ENABLED', 'yes', 'WEBHOOKS_ENABLED="yes" is not true or false'],
    ['WEBHOOK_TIMEOUT_SECONDS', '0', 'WEBHOOK_TIMEOUT_SECONDS="0" is not a whole number of seconds from 1 to 120'],
    ['WEBHOOK_RETRY_WINDOW_HOURS', '1000', 'WEBHOOK_RETRY_WINDOW_HOURS="1000" is not a whole number of hours'],
    ['WEBHOOK_RETRY_MAX_SECONDS', '1', 'WEBHOOK_RETRY_MAX_SECONDS must not be below WEBHOOK_RETRY_INITIAL_SECONDS'],
    ['IDEMPOTENCY_KEY_TTL_HOURS', '0', 'IDEMPOTENCY_KEY_TTL_HOURS="0" is not a whole number of hours from 1 to 8760'],
    ['READ_MODEL_URL', 'mongodb://u:p@h/db', "READ_MODEL_URL with scheme 'mongodb:' is not understood"],
  ])('refuses %s=%s with a message naming it', (name, value, message) => {
    expect(() => readServiceConfig({ [name]: value })).toThrow(message);
  });

  it('reports every bad setting at once', () => {
    try {
      readServiceConfig({ PORT: 'x', ACCRUAL_INTERVAL_SECONDS: 'soon', READ_MODEL_URL: 'sqlite:rm.db' });
      throw new Error('expected a ServiceConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ServiceConfigError);
      expect((error as ServiceConfigError).problems).toHaveLength(3);
    }
  });

  describe('confidential party data keys (5.2)', () => {
    const KEK = Buffer.alloc(32, 7).toString('base64');
    const OLD = Buffer.alloc(32, 9).toString('base64');

    it('reads CONFIDENTIAL_KEK and CONFIDENTIAL_KEK_PREVIOUS, each named by the first 8 hex of its SHA-256', () => {
      const { confidential } = readServiceConfig({ CONFIDENTIAL_KEK: KEK, CONFIDENTIAL_KEK_PREVIOUS: ` ${OLD} ,` });
      expect(confidential?.kek?.id).toBe(createHash('sha256').update(Buffer.alloc(32, 7)).digest('hex').slice(0, 8));
      expect(confidential?.previousKeks.map((k) => k.key)).toEqual([Buffer.alloc(32, 9)]);
    });

    it.each([
      ['a KEK of 5 bytes', { CONFIDENTIAL_KEK: 'c2hvcnQ=' }, 'CONFIDENTIAL_KEK must be the base64 of exactly 32 random bytes'],
      ['a previous KEK that is not base64', { CONFIDENTIAL_KEK: KEK, CONFIDENTIAL_KEK_PREVIOUS: 'nope' }, 'CONFIDENTIAL_KEK_PREVIOUS (entry 1) must be the base64'],
      ['a previous KEK without a current one', { CONFIDENTIAL_KEK_PREVIOUS: OLD }, 'CONFIDENTIAL_KEK_PREVIOUS is set but CONFIDENTIAL_KEK is not'],
    ])('refuses %s, without echoing the key', (_label, env, message) => {
      expect(() => readServiceConfig(env)).toThrow(message);
      try {
        readServiceConfig(env);
      } catch (error) {
        expect(String((error as Error).message)).not.toContain(KEK);
      }
    });
  });
});
