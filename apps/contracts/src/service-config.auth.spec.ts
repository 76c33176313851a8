import { generateApiKey } from '@app/access';
import { readServiceConfig, ServiceConfigError } from './service-config';

const PEM = '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----';

describe('service configuration: authentication', () => {
  it('given nothing, then no auth configuration: the first start generates an admin key', () => {
    expect(readServiceConfig({}).auth).toEqual({});
  });

  it('given BOOTSTRAP_API_KEY in our format, then that admin key', () => {
    const { key } = generateApiKey();
    expect(readServiceConfig({ BOOTSTRAP_API_KEY: key }).auth).toEqual({ bootstrapApiKey: key });
  });

  it('given BOOTSTRAP_API_KEY in another format, then a start-up error that shows a well-formed example and never echoes the value', () => {
    const attempt = () => readServiceConfig({ BOOTSTRAP_API_KEY: 'hunter2-secret' });
    expect(attempt).toThrow(ServiceConfigError);
    expect(attempt).toThrow(/BOOTSTRAP_API_KEY is not an API key of this service .*clk_[0-9a-f]{16}_/);
    expect(attempt).not.toThrow(/hunter2/);
  });

  it('given an issuer, an audience and a JWKS URL, then bearer tokens with the default algorithms and claim names', () => {
    expect(readServiceConfig({ JWT_ISSUER: 'https://id.example.com', JWT_AUDIENCE: 'contracts', JWT_JWKS_URL: 'https://id.example.com/.well-known/jwks.json' }).auth?.jwt).toEqual({
      issuer: 'https://id.example.com',
      audience: 'contracts',
      jwksUrl: 'https://id.example.com/.well-known/jwks.json',
      algorithms: ['RS256', 'PS256', 'ES256', 'EdDSA'],
      roleClaim: 'role',
      organisationClaim: 'org',
    });
  });

  it('given a PEM on one line with \\n escapes, then the PEM with line breaks', () => {
    const jwt = readServiceConfig({ JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', JWT_PUBLIC_KEY: PEM.replace(/\n/g, '\\n'), JWT_ROLE_CLAIM: 'contracts_role' }).auth?.jwt;
    expect(jwt).toMatchObject({ publicKeyPem: PEM, roleClaim: 'contracts_role' });
  });

  it.each([
    [{ JWT_JWKS_URL: 'https://id.example.com/jwks' }, /JWT_ISSUER is required/],
    [{ JWT_ISSUER: 'i', JWT_JWKS_URL: 'https://id.example.com/jwks' }, /JWT_AUDIENCE is required/],
    [{ JWT_ISSUER: 'i', JWT_AUDIENCE: 'a' }, /exactly one of JWT_JWKS_URL and JWT_PUBLIC_KEY/],
    [{ JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', JWT_JWKS_URL: 'https://x/j', JWT_PUBLIC_KEY: PEM }, /exactly one/],
    [{ JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', JWT_JWKS_URL: 'file:///etc/jwks' }, /not an http\(s\) URL/],
    [{ JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', JWT_PUBLIC_KEY: 'not a pem' }, /not a PEM public key/],
    [{ JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'HS256' }, /only asymmetric/],
    [{ JWT_ISSUER: 'i', JWT_AUDIENCE: 'a', JWT_PUBLIC_KEY: PEM, JWT_ALGORITHMS: 'none' }, /only asymmetric/],
  ])('refuses an incomplete or unsafe JWT set-up %j', (env, message) => {
    expect(() => readServiceConfig(env)).toThrow(message);
  });
});
