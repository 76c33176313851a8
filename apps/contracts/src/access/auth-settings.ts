import { DEFAULT_JWT_ALGORITHMS, generateApiKey, isWellFormedApiKey, type JwtSettings } from '@app/access';

// How callers prove who they are, read from the environment with the rest of the configuration.

export interface AuthSettings {
  /** BOOTSTRAP_API_KEY: an admin key with this value exists from the start (automation, first set-up). */
  bootstrapApiKey?: string;
  /** Bearer JWTs for people; unset = API keys only. */
  jwt?: JwtSettings;
}

/** With neither a bootstrap key nor JWTs, the first start generates an admin key and prints it once. */
export const hasAuthConfiguration = (auth: AuthSettings | undefined): boolean => auth?.bootstrapApiKey !== undefined || auth?.jwt !== undefined;

export function readAuthSettings(env: NodeJS.ProcessEnv, problems: string[]): AuthSettings {
  const settings: AuthSettings = {};
  const bootstrap = text(env.BOOTSTRAP_API_KEY);
  if (bootstrap !== undefined) {
    if (isWellFormedApiKey(bootstrap)) settings.bootstrapApiKey = bootstrap;
    else problems.push(`BOOTSTRAP_API_KEY is not an API key of this service (clk_<16 hex>_<43 base64url>); for example: ${generateApiKey().key}`);
  }
  const jwt = readJwtSettings(env, problems);
  if (jwt) settings.jwt = jwt;
  return settings;
}

function readJwtSettings(env: NodeJS.ProcessEnv, problems: string[]): JwtSettings | undefined {
  const issuer = text(env.JWT_ISSUER);
  const audience = text(env.JWT_AUDIENCE);
  const jwksUrl = text(env.JWT_JWKS_URL);
  // A PEM in one environment line usually arrives with literal "\n"s.
  const publicKeyPem = text(env.JWT_PUBLIC_KEY)?.replace(/\\n/g, '\n');
  const algorithms = text(env.JWT_ALGORITHMS)?.split(',').map((a) => a.trim()).filter(Boolean);
  if ([issuer, audience, jwksUrl, publicKeyPem, algorithms].every((v) => v === undefined)) return undefined;
  const before = problems.length;
  if (issuer === undefined) problems.push('JWT_ISSUER is required when bearer tokens are configured (the iss every token must carry)');
  if (audience === undefined) problems.push('JWT_AUDIENCE is required when bearer tokens are configured (the aud every token must carry)');
  if ((jwksUrl === undefined) === (publicKeyPem === undefined)) problems.push('set exactly one of JWT_JWKS_URL and JWT_PUBLIC_KEY');
  if (jwksUrl !== undefined && !/^https?:\/\//.test(jwksUrl)) problems.push(`JWT_JWKS_URL=${JSON.stringify(jwksUrl)} is not an http(s) URL`);
  if (publicKeyPem !== undefined && !publicKeyPem.includes('-----BEGIN PUBLIC KEY-----')) problems.push('JWT_PUBLIC_KEY is not a PEM public key (-----BEGIN PUBLIC KEY-----)');
  if (algorithms?.some((a) => a === 'none' || a.startsWith('HS'))) problems.push('JWT_ALGORITHMS may list only asymmetric algorithms (RS256, PS256, ES256, EdDSA, …)');
  if (problems.length > before) return undefined;
  return {
    issuer: issuer!,
    audience: audience!,
    ...(jwksUrl ? { jwksUrl } : { publicKeyPem: publicKeyPem! }),
    algorithms: algorithms ?? DEFAULT_JWT_ALGORITHMS,
    roleClaim: text(env.JWT_ROLE_CLAIM) ?? 'role',
    organisationClaim: text(env.JWT_ORGANISATION_CLAIM) ?? 'org',
  };
}

function text(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
