import { createPublicKey, type KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import { ValidationError } from '../errors.js';
import { TENANT_ID_PATTERN } from '../storage/names.js';
import type { Role } from '../tenancy/catalog.js';
import { ROLES } from './api-keys.js';

export interface JwtSettings {
  /** HS256 shared secret. */
  secret?: string;
  /** PEM public key (SPKI): RSA → RS256, EC P-256 → ES256. */
  publicKey?: string;
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
 * (anything else — U+0000, a path, an over-long string — is no credential and never reaches a query).
 * `iat` is optional (API.md does not require it); when present it is handed on, and tenant-auth
 * refuses a token issued before its tenant was (re-)created.
 */
export class JwtVerifier {
  private constructor(
    private readonly key: Uint8Array | KeyObject,
    private readonly algorithm: 'HS256' | 'RS256' | 'ES256',
    private readonly issuer: string,
    private readonly audience: string,
  ) {}

  /** A verifier from settings, or undefined when no JWT key is configured. */
  static fromSettings(settings: JwtSettings): JwtVerifier | undefined {
    if (!settings.secret && !settings.publicKey) return undefined;
    if (settings.secret && settings.publicKey) throw new ValidationError('set TENANTRY_JWT_SECRET or TENANTRY_JWT_PUBLIC_KEY, not both');
    if (!settings.issuer || !settings.audience) {
      throw new ValidationError('JWTs need TENANTRY_JWT_ISSUER and TENANTRY_JWT_AUDIENCE, so that tokens minted for something else are refused');
    }
    if (settings.secret) {
      if (Buffer.byteLength(settings.secret) < 32) throw new ValidationError('TENANTRY_JWT_SECRET must be at least 32 bytes');
      return new JwtVerifier(new TextEncoder().encode(settings.secret), 'HS256', settings.issuer, settings.audience);
    }
    let key: KeyObject;
    try {
      key = createPublicKey(settings.publicKey!);
    } catch {
      throw new ValidationError('TENANTRY_JWT_PUBLIC_KEY is not a PEM public key');
    }
    const algorithm = key.asymmetricKeyType === 'rsa' ? 'RS256' : key.asymmetricKeyType === 'ec' ? 'ES256' : undefined;
    if (!algorithm) throw new ValidationError(`TENANTRY_JWT_PUBLIC_KEY: unsupported key type '${key.asymmetricKeyType}' (use RSA or EC P-256)`);
    return new JwtVerifier(key, algorithm, settings.issuer, settings.audience);
  }

  /** The token's tenant, role and subject, or undefined for any token that does not verify. */
  async verify(token: string): Promise<VerifiedJwt | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [this.algorithm],
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: ['exp', 'sub', 'tenant', 'role'],
      });
      const { tenant, role, sub, iat } = payload as { tenant?: unknown; role?: unknown; sub?: unknown; iat?: unknown };
      if (typeof tenant !== 'string' || typeof sub !== 'string' || typeof role !== 'string') return undefined;
      if (!TENANT_ID_PATTERN.test(tenant)) return undefined;
      if (!(ROLES as readonly string[]).includes(role)) return undefined;
      // jose has already refused a non-numeric iat.
      return { tenantId: tenant, role: role as Role, subject: sub, ...(typeof iat === 'number' && { issuedAt: iat }) };
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return undefined;
      throw error;
    }
  }
}
