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
import { resolverOptions, type TenantResolutionOptions } from './api/library-resolution.js';
import { problemErrorHandler } from './api/plugins/problem.js';
import { tenantAuthPlugin, tenantContext } from './api/plugins/tenant-auth.js';
import { checkRole } from './api/tenant-resolution.js';
import type { TenantScope, WithTenantOptions } from './storage/scope.js';
import type { Role, Tenant } from './tenancy/catalog.js';

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

/** The plugin's options: how tenants are resolved (TenantResolutionOptions), and whether errors become problem+json. */
export interface TenantryPluginOptions extends TenantResolutionOptions {
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
    // The application's requests are its tenants' units of work for CPU attribution too (src/usage/costs.ts).
    await app.register(tenantAuthPlugin, { ...resolverOptions(options), costs: tenantry.meter.costs });
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

/** Throw 403 `forbidden` (problem+json) unless the request's role is at least `role`. */
export function requireRole(request: FastifyRequest, role: Role): void {
  checkRole(request.tenantRole, role);
}

export default tenantryPlugin;
