import { readServiceConfig, ServiceConfigError } from './service-config';

describe('service configuration: rate limit and CORS', () => {
  it('limits each client to 600 requests a minute and allows no cross-origin caller by default', () => {
    expect(readServiceConfig({})).toMatchObject({ rateLimitPerMinute: 600, corsOrigins: [] });
  });

  it('reads RATE_LIMIT_PER_MINUTE, 0 turning the limit off', () => {
    expect(readServiceConfig({ RATE_LIMIT_PER_MINUTE: '30' }).rateLimitPerMinute).toBe(30);
    expect(readServiceConfig({ RATE_LIMIT_PER_MINUTE: '0' }).rateLimitPerMinute).toBe(0);
  });

  it.each(['-1', '1.5', 'lots', '1000001'])('refuses RATE_LIMIT_PER_MINUTE=%s', (value) => {
    expect(() => readServiceConfig({ RATE_LIMIT_PER_MINUTE: value })).toThrow(ServiceConfigError);
  });

  it('reads CORS_ORIGINS as comma-separated exact origins', () => {
    expect(readServiceConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' }).corsOrigins).toEqual(['https://app.example.com', 'http://localhost:5173']);
  });

  it.each(['*', 'https://app.example.com/', 'https://app.example.com/path', 'app.example.com', 'https://APP.example.com', 'https://app.example.com:443', 'ftp://files.example.com'])(
    'refuses %s as an origin rather than guess what was meant',
    (origin) => {
      expect(() => readServiceConfig({ CORS_ORIGINS: `https://ok.example.com,${origin}` })).toThrow(/CORS_ORIGINS/);
    },
  );
});
