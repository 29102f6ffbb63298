import type { TenantRef, TenantScope, WithTenantOptions } from '../storage/scope.js';

/** Opens tenant scopes (Tenantry.withTenant). */
export type ScopeRunner = <T>(tenant: TenantRef, fn: (scope: TenantScope) => Promise<T>, options?: WithTenantOptions) => Promise<T>;

/**
 * Whom a service method works for: a tenant (TenantRef), for which it opens and commits scopes of its
 * own, or a scope the caller has open, whose transaction the work joins (the workflow engine commits
 * a step's effect with the step's completion).
 */
export type TenantOrScope = TenantRef | TenantScope;

/** Run `fn` in `tenant`'s own new scope, or in the caller's scope when given one. */
export function inScope<T>(scopes: ScopeRunner, tenant: TenantOrScope, fn: (scope: TenantScope) => Promise<T>): Promise<T> {
  return typeof tenant === 'object' && 'db' in tenant ? fn(tenant) : scopes(tenant, fn);
}
