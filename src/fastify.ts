/**
 * `tenantry/fastify`: Tenantry's tenant resolution for an application's own Fastify routes — the very
 * hook Tenantry's data plane runs (api/plugins/tenant-auth.ts: API key or JWT, the tenant named by a
 * `:tenant` path parameter, `X-Tenant-Id` or a subdomain must agree with the credential, suspended and
 * deleted tenants, per-tenant rate limits, role per route), with the same problem+json errors
 * (api/plugins/problem.ts). Each request gets `request.tenant`, `request.tenantRole` and
 * `request.withTenant(fn)`.
 *
 * `request.withTenant(fn)` opens a scope per call, when the handler asks for it, rather than one per
 * request held from `onRequest` to `onResponse`: a request that fails resolution, is refused by its
 * role, or needs no data never takes a connection; a scope is exactly as long as the handler's
 * database work (not the time spent serialising the reply or waiting on the client, which would hold
 * a pooled connection and the tenant's pool share); and commit or rollback is where the code says
 * (`fn` returns or throws), not in a hook that runs after the reply has been sent. Work that must
 * commit together goes in one call.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { ADDRESS_LIMIT_DEFAULTS, type AddressLimits } from './api/plugins/address-limits.js';
import { problemErrorHandler } from './api/plugins/problem.js';
import { tenantAuthPlugin, tenantContext } from './api/plugins/tenant-auth.js';
import { AddressBuckets, RateLimiter, type TenantRateLimiter } from './api/rate-limit.js';
import { ApiKeys } from './auth/api-keys.js';
import { JwtVerifier, type JwtSettings } from './auth/jwt.js';
import { TenantryError } from './errors.js';
import type { TenantScope, WithTenantOptions } from './storage/scope.js';
import type { Role, Tenant } from './tenancy/catalog.js';
import type { Tenantry } from './tenantry.js';

export { ApiKeys } from './auth/api-keys.js';
export type { Role } from './tenancy/catalog.js';

/**
 * The application's own tables, for `request.withTenant`'s typed `db`: augment it once with the type
 * given to `Tenantry.open<AppDB>()` — `declare module 'tenantry/fastify' { interface AppTables extends AppDB {} }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AppTables {}

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's tenant, verified (throws on a route the plugin does not cover). */
    readonly tenant: Tenant;
    /** The role the request's credential carries. */
    readonly tenantRole: Role;
    /** Run `fn` in a transaction scoped to the request's tenant (the same as Tenantry's withTenant). */
    withTenant<T>(fn: (scope: TenantScope<AppTables>) => Promise<T>, options?: WithTenantOptions): Promise<T>;
  }
}

export interface TenantryPluginOptions {
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
  /** Answer every error of the routes in the plugin's context as application/problem+json (default true). */
  problems?: boolean;
}

/**
 * Register on the Fastify context holding the application's tenant routes (every route there needs a
 * tenant credential). A route's weakest allowed role is `config: { minRole: 'viewer' | 'member' | 'admin' }`,
 * `admin` when unset, as in Tenantry's API; `requireRole` checks one inside a handler.
 */
export const tenantryPlugin = fp<TenantryPluginOptions>(
  async (app: FastifyInstance, options) => {
    const { tenantry } = options;
    // The error handler only: the app's own not-found handler (one per prefix) is left to it.
    if (options.problems !== false) app.setErrorHandler(problemErrorHandler);
    const addressLimits: AddressLimits = {
      authFailures: new AddressBuckets(options.authFailuresPerMinute ?? ADDRESS_LIMIT_DEFAULTS.authFailuresPerMinute),
      controlRequests: new AddressBuckets(ADDRESS_LIMIT_DEFAULTS.controlRequestsPerMinute),
    };
    await app.register(tenantAuthPlugin, {
      catalog: tenantry.catalog,
      apiKeys: new ApiKeys(tenantry.catalog, tenantry.config.catalogCacheMs),
      jwt: options.jwt ? JwtVerifier.fromSettings(options.jwt) : undefined,
      baseDomain: options.baseDomain,
      rateLimiter: options.rateLimiter ?? new RateLimiter(),
      addressLimits,
    });
    app.decorateRequest('verifiedTenant', null);
    app.decorateRequest('tenant', {
      getter(this: FastifyRequest) {
        return tenantContext(this).tenant;
      },
    });
    app.decorateRequest('tenantRole', {
      getter(this: FastifyRequest) {
        return tenantContext(this).role;
      },
    });
    app.decorateRequest('withTenant', function withTenant<
      T,
    >(this: FastifyRequest, fn: (scope: TenantScope<AppTables>) => Promise<T>, scopeOptions?: WithTenantOptions) {
      // The tenant the credential was verified for, generation included: a tenant deleted and re-created
      // under the same id while the request runs is never reached.
      const { tenant } = tenantContext(this);
      return tenantry.withTenant({ id: tenant.id, generation: tenant.generation }, fn, scopeOptions);
    });
  },
  { name: 'tenantry', fastify: '5.x' },
);

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };

/** Throw 403 `forbidden` (problem+json) unless the request's role is at least `role`. */
export function requireRole(request: FastifyRequest, role: Role): void {
  if (RANK[request.tenantRole] < RANK[role]) {
    throw new TenantryError('forbidden', `this needs the ${role} role; the credential has ${request.tenantRole}`);
  }
}

export default tenantryPlugin;
