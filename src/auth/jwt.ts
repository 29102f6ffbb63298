import { createPublicKey, type KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { TenantryError, ValidationError } from '../errors.js';
import { TENANT_ID_PATTERN } from '../storage/names.js';
import type { Role } from '../tenancy/catalog.js';
import { ROLES } from './api-keys.js';

export interface JwtSettings {
  /** HS256 shared secret. */
  secret?: string;
  /** PEM public key (SPKI): RSA → RS256, EC P-256 → ES256. */
  publicKey?: string;
  /** A JWKS URL (the identity provider's published keys): RS256 or ES256, the key chosen by `kid`. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export interface VerifiedJwt {
  tenantId: string;
  role: Role;
  subject: string;
  /** `iat`, in seconds since the epoch; undefined when the token has none. */
  issuedAt?: number;
}

/**
 * Verifies tenant JWTs: one algorithm, pinned by the configured key (never taken from the token's
 * header, so `alg: none` and HS256-signed-with-the-public-key are refused); `exp` required; `nbf`,
 * `iss` and `aud` checked; claims `tenant`, `sub` and `role` required, and `tenant` must be a tenant id
 * (anything else — U+0000, a path, an over-long string — is no credential and never reaches a query)
 * and `sub` text the database can store (not empty, no U+0000 or lone surrogate).
 * `iat` is optional (API.md does not require it); when present it is handed on, and tenant-auth
 * refuses a token issued before its tenant was (re-)created.
 */
/**
 * A JWKS is fetched on first use and kept for `JWKS_CACHE.cacheMaxAge`; a token naming a `kid` the set
 * lacks refetches it (key rotation), at most once per `cooldownDuration`. A set that cannot be fetched
 * (timeout, refused, not a JWKS) is a 503 `busy`, not a 401: the credential was not judged.
 */
export const JWKS_CACHE = { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000, timeoutDuration: 5_000 };

type Algorithm = 'HS256' | 'RS256' | 'ES256';

export class JwtVerifier {
  private constructor(
    private readonly key: Uint8Array | KeyObject | JWTVerifyGetKey,
    private readonly algorithms: Algorithm[],
    private readonly issuer: string,
    private readonly audience: string,
  ) {}

  /** A verifier from settings, or undefined when no JWT key is configured. */
  static fromSettings(settings: JwtSettings, jwks: Partial<typeof JWKS_CACHE> = {}): JwtVerifier | undefined {
    const configured = (['secret', 'publicKey', 'jwksUrl'] as const).filter((k) => settings[k]);
    if (configured.length === 0) return undefined;
    if (configured.length > 1) throw new ValidationError('set one of TENANTRY_JWT_SECRET, TENANTRY_JWT_PUBLIC_KEY and TENANTRY_JWT_JWKS_URL, not several');
    if (!settings.issuer || !settings.audience) {
      throw new ValidationError('JWTs need TENANTRY_JWT_ISSUER and TENANTRY_JWT_AUDIENCE, so that tokens minted for something else are refused');
    }
    if (settings.secret) {
      if (Buffer.byteLength(settings.secret) < 32) throw new ValidationError('TENANTRY_JWT_SECRET must be at least 32 bytes');
      return new JwtVerifier(new TextEncoder().encode(settings.secret), ['HS256'], settings.issuer, settings.audience);
    }
    if (settings.jwksUrl) {
      let url: URL;
      try {
        url = new URL(settings.jwksUrl);
      } catch {
        throw new ValidationError(`TENANTRY_JWT_JWKS_URL is not a URL: ${JSON.stringify(settings.jwksUrl)}`);
      }
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new ValidationError('TENANTRY_JWT_JWKS_URL must be an http(s) URL');
      const remote = createRemoteJWKSet(url, { ...JWKS_CACHE, ...jwks });
      const getKey: JWTVerifyGetKey = async (header, token) => {
        try {
          return await remote(header, token);
        } catch (error) {
          // No key for the token's kid (after the refetch): the token's fault, a 401. Anything else
          // (timeout, refused, not 200, not a JWKS) is the key set's.
          if (error instanceof joseErrors.JWKSNoMatchingKey || error instanceof joseErrors.JWKSMultipleMatchingKeys) throw error;
          throw new TenantryError('busy', 'the JWT key set (TENANTRY_JWT_JWKS_URL) could not be fetched; try again', { cause: error });
        }
      };
      // Asymmetric algorithms only: a JWKS holding an `oct` key must not turn into a shared secret.
      return new JwtVerifier(getKey, ['RS256', 'ES256'], settings.issuer, settings.audience);
    }
    let key: KeyObject;
    try {
      key = createPublicKey(settings.publicKey!);
    } catch {
      throw new ValidationError('TENANTRY_JWT_PUBLIC_KEY is not a PEM public key');
    }
    const algorithm = key.asymmetricKeyType === 'rsa' ? 'RS256' : key.asymmetricKeyType === 'ec' ? 'ES256' : undefined;
    if (!algorithm) throw new ValidationError(`TENANTRY_JWT_PUBLIC_KEY: unsupported key type '${key.asymmetricKeyType}' (use RSA or EC P-256)`);
    return new JwtVerifier(key, [algorithm], settings.issuer, settings.audience);
  }

  /** The token's tenant, role and subject, or undefined for any token that does not verify. */
  async verify(token: string): Promise<VerifiedJwt | undefined> {
    try {
      const options = {
        algorithms: this.algorithms,
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: ['exp', 'sub', 'tenant', 'role'],
      };
      const { payload } = typeof this.key === 'function' ? await jwtVerify(token, this.key, options) : await jwtVerify(token, this.key, options);
      const { tenant, role, sub, iat } = payload as { tenant?: unknown; role?: unknown; sub?: unknown; iat?: unknown };
      if (typeof tenant !== 'string' || typeof sub !== 'string' || typeof role !== 'string') return undefined;
      if (!TENANT_ID_PATTERN.test(tenant)) return undefined;
      // The subject is the actor of the audit entries the token's writes make: text PostgreSQL cannot
      // store (U+0000, lone surrogates) would fail the write's commit (a 500) or be stored as U+FFFD.
      if (sub === '' || sub.includes('\u0000') || !sub.isWellFormed()) return undefined;
      if (!(ROLES as readonly string[]).includes(role)) return undefined;
      // jose has already refused a non-numeric iat.
      return { tenantId: tenant, role: role as Role, subject: sub, ...(typeof iat === 'number' && { issuedAt: iat }) };
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return undefined;
      throw error;
    }
  }
}
