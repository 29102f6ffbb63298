import { ApiKeys } from '../auth/api-keys.js';
import { JwtVerifier, type JwtSettings } from '../auth/jwt.js';
import type { Tenantry } from '../tenantry.js';
import { ADDRESS_LIMIT_DEFAULTS } from './plugins/address-limits.js';
import { AddressBuckets, RateLimiter, type TenantRateLimiter } from './rate-limit.js';
import type { TenantResolverOptions } from './tenant-resolution.js';

/** How `tenantry/fastify` and `tenantry/express` resolve a request's tenant. */
export interface TenantResolutionOptions {
  /** The opened Tenantry whose tenants, keys and scopes the requests use. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  tenantry: Tenantry<any>;
  /** Accept tenant JWTs too (the settings of TENANTRY_JWT_*); API keys are always accepted. */
  jwt?: JwtSettings;
  /** `a.example.com` names tenant `a` when set to `example.com` (and must agree with the credential). */
  baseDomain?: string;
  /** Per-tenant request limits (default: in this process, by the tenant's plan). */
  rateLimiter?: TenantRateLimiter;
  /** Failed authentications allowed per client address and minute before 429 (default 100). */
  authFailuresPerMinute?: number;
}

/** The resolver settings of an application's plugin or middleware: Tenantry's catalog and keys, the app's choices. */
export function resolverOptions(options: TenantResolutionOptions): TenantResolverOptions {
  const { tenantry } = options;
  return {
    catalog: tenantry.catalog,
    apiKeys: new ApiKeys(tenantry.catalog, tenantry.config.catalogCacheMs),
    jwt: options.jwt ? JwtVerifier.fromSettings(options.jwt) : undefined,
    baseDomain: options.baseDomain,
    rateLimiter: options.rateLimiter ?? new RateLimiter(),
    addressLimits: {
      authFailures: new AddressBuckets(options.authFailuresPerMinute ?? ADDRESS_LIMIT_DEFAULTS.authFailuresPerMinute),
      controlRequests: new AddressBuckets(ADDRESS_LIMIT_DEFAULTS.controlRequestsPerMinute),
    },
  };
}
