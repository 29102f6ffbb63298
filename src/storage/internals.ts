/**
 * The router behind a Storage, for tests and benchmarks that inspect databases as their owner (schema
 * dumps, catalog checks, simulated races). Application code never imports this module: ESLint's
 * no-restricted-imports refuses it outside src/storage/, like the router itself.
 */
import type { StorageRouter } from './router.js';

const routers = new WeakMap<object, StorageRouter>();

/** Called by Storage's constructor. */
export function registerRouter(storage: object, router: StorageRouter): void {
  routers.set(storage, router);
}

/** The router of `storage` (a Storage, or anything holding one as `.storage`, such as Tenantry). */
export function routerOf(storage: object): StorageRouter {
  const router = routers.get(storage) ?? routers.get((storage as { storage?: object }).storage ?? {});
  if (!router) throw new Error('routerOf: not a Storage (or an object holding one as .storage)');
  return router;
}
