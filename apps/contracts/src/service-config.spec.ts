import { readServiceConfig, ServiceConfigError } from './service-config';

describe('service configuration', () => {
  it('defaults to port 3000, the embedded store under ./data and an accrual every minute', () => {
    expect(readServiceConfig({})).toStrictEqual({ port: 3000, eventStoreUrl: undefined, dataDir: './data', readModelUrl: undefined, accrualIntervalSeconds: 60, sseHeartbeatSeconds: 15 });
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
    });
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
});
