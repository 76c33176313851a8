import { createRemoteJWKSet, importSPKI, jwtVerify, type JWTPayload, type KeyLike } from 'jose';
import { isOrganisationId } from './organisation';
import { isRole, type Principal } from './principal';

// Bearer tokens for people, issued by the organisation's identity provider. jose checks the
// signature, expiry and not-before; we pin the issuer, the audience and the algorithms, and read
// the role and organisation from claims whose names are configurable (providers differ).

export interface JwtSettings {
  issuer: string;
  audience: string;
  /** Exactly one of the two: the provider's JWKS endpoint, or one PEM public key (SPKI). */
  jwksUrl?: string;
  publicKeyPem?: string;
  /** Algorithms accepted; default the asymmetric ones a provider signs with. */
  algorithms?: string[];
  roleClaim?: string;
  organisationClaim?: string;
}

export const DEFAULT_JWT_ALGORITHMS = ['RS256', 'PS256', 'ES256', 'EdDSA'];

/** Why a token was refused, in words safe to send back (never the token itself). */
export class TokenRefused extends Error {}

export type JwtVerifier = (token: string) => Promise<Principal>;

export async function createJwtVerifier(settings: JwtSettings): Promise<JwtVerifier> {
  const algorithms = settings.algorithms ?? DEFAULT_JWT_ALGORITHMS;
  let key: KeyLike | ReturnType<typeof createRemoteJWKSet>;
  if (settings.jwksUrl) key = createRemoteJWKSet(new URL(settings.jwksUrl));
  else if (settings.publicKeyPem) key = await importSPKI(settings.publicKeyPem, algorithms[0]);
  else throw new Error('JWT verification needs JWT_JWKS_URL or JWT_PUBLIC_KEY');
  const roleClaim = settings.roleClaim ?? 'role';
  const organisationClaim = settings.organisationClaim ?? 'org';

  return async (token) => {
    let payload: JWTPayload;
    try {
      // jose takes either a key or a key-set function; the union needs one call per kind.
      const options = { issuer: settings.issuer, audience: settings.audience, algorithms };
      payload = typeof key === 'function' ? (await jwtVerify(token, key, options)).payload : (await jwtVerify(token, key, options)).payload;
    } catch (error) {
      throw new TokenRefused(`bearer token refused: ${(error as { code?: string }).code ?? 'invalid token'}`);
    }
    return principalOf(payload, roleClaim, organisationClaim, settings.issuer);
  };
}

function principalOf(payload: JWTPayload, roleClaim: string, organisationClaim: string, issuer: string): Principal {
  if (typeof payload.sub !== 'string' || payload.sub === '') throw new TokenRefused('bearer token has no subject (sub)');
  const role = payload[roleClaim];
  if (!isRole(role)) throw new TokenRefused(`bearer token's "${roleClaim}" claim is not one of the service's roles`);
  const organisation = payload[organisationClaim];
  if (organisation !== undefined && !isOrganisationId(organisation)) throw new TokenRefused(`bearer token's "${organisationClaim}" claim is not an organisation id`);
  if (role !== 'admin' && organisation === undefined) throw new TokenRefused(`bearer token has no "${organisationClaim}" claim; every role but admin belongs to an organisation`);
  return { id: `jwt:${issuer}#${payload.sub}`, name: payload.sub, role, ...(organisation !== undefined ? { organisation } : {}), via: 'jwt' };
}
