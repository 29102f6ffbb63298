/**
 * `tenantry/express`: Tenantry's tenant resolution as Express (or Connect) middleware, for
 * applications not on Fastify — the same rules and errors as Tenantry's API and `tenantry/fastify`
 * (api/tenant-resolution.ts: API key or JWT; a tenant named by a `:tenant` path parameter,
 * `X-Tenant-Id` or a subdomain must agree with the credential → 403 `tenant_mismatch`; suspended →
 * 403; deleted → 401; per-tenant rate limits). Each request gets `req.tenant`, `req.tenantRole` and
 * `req.withTenant(fn)`, a scope opened per call (see `tenantry/fastify` for why not one per request).
 * Errors go to `next(err)`; `problemHandler` answers them as application/problem+json (RFC 9457).
 *
 * Nothing here imports Express: the middleware reads what Node's request carries, plus Express's
 * `req.params` and `req.ip` when present.
 *
 * @example
 * const app = express();
 * const tenants = express.Router();
 * tenants.use(tenantryMiddleware({ tenantry, minRole: 'viewer' }));
 * tenants.get('/notes', async (req, res) => res.json(await req.withTenant(({ db }) => db.selectFrom('notes').selectAll().execute())));
 * tenants.delete('/notes/:id', requireRole('admin'), async (req, res) => { … });
 * app.use(tenants);
 * app.use('/t/:tenant', tenants); // the path must name the credential's tenant
 * app.use(problemHandler);
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resolverOptions, type TenantResolutionOptions } from './api/library-resolution.js';
import { toProblem } from './api/plugins/problem.js';
import { checkRole, TenantResolver, type TenantContext } from './api/tenant-resolution.js';
import { TenantScopeRequiredError, TenantryError } from './errors.js';
import type { TenantScope, WithTenantOptions } from './storage/scope.js';
import type { Role, Tenant } from './tenancy/catalog.js';

export { ApiKeys } from './auth/api-keys.js';
export type { Role } from './tenancy/catalog.js';

/**
 * The application's own tables, for `req.withTenant`'s typed `db`: augment it once with the type given
 * to `Tenantry.open<AppDB>()` — `declare module 'tenantry/express' { interface AppTables extends AppDB {} }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AppTables {}

/** What the middleware adds to a request. */
export interface TenantRequestFields {
  /** The request's tenant, verified. */
  readonly tenant: Tenant;
  /** The role the request's credential carries. */
  readonly tenantRole: Role;
  /** Run `fn` in a transaction scoped to the request's tenant (the same as Tenantry's withTenant). */
  withTenant<T>(fn: (scope: TenantScope<AppTables>) => Promise<T>, options?: WithTenantOptions): Promise<T>;
}

declare global {
  // Express's own request type (@types/express) merges this in.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Request extends TenantRequestFields {}
  }
}

/** A request as Express or Connect hands it over. */
type Req = IncomingMessage & { params?: Record<string, string | undefined>; ip?: string; originalUrl?: string };
type Next = (error?: unknown) => void;

/** The middleware's options: how tenants are resolved (TenantResolutionOptions), and the weakest role let through. */
export interface TenantryMiddlewareOptions extends TenantResolutionOptions {
  /**
   * The weakest role let through (viewer < member < admin): `admin` unless set, as an unmarked route of
   * Tenantry's API. Set it to the weakest any route under the middleware allows, and raise it per
   * route with `requireRole`.
   */
  minRole?: Role;
}

const CONTEXT = Symbol('tenantry.context');

function contextOf(req: object): TenantContext {
  const context = (req as { [CONTEXT]?: TenantContext })[CONTEXT];
  if (!context) throw new TenantScopeRequiredError('a route behind tenantryMiddleware');
  return context;
}

/**
 * Resolve each request's tenant (every route after it needs a tenant credential), then decorate the
 * request. Mounted under a path with `:tenant` (`app.use('/t/:tenant', …)`), that parameter must name
 * the credential's tenant.
 */
export function tenantryMiddleware(options: TenantryMiddlewareOptions): (req: Req, res: ServerResponse, next: Next) => void {
  const { tenantry } = options;
  const resolver = new TenantResolver(resolverOptions(options));
  const minRole = options.minRole ?? 'admin';
  return (req, res, next) => {
    const header = { header: (name: string, value: string | number) => res.setHeader(name, String(value)) };
    const request = {
      ip: req.ip ?? req.socket.remoteAddress ?? '',
      url: req.originalUrl ?? req.url ?? '/',
      headers: req.headers as { authorization?: string; host?: string; 'x-tenant-id'?: string | string[] },
      pathTenant: req.params?.tenant,
    };
    resolver.resolve(request, header, minRole).then((context) => {
      // In flight for its tenant's CPU share (src/usage/costs.ts) until the response is done or the connection dropped.
      const cost = tenantry.meter.costs.begin(context.tenant.id);
      res.once('close', () => cost.end());
      Object.defineProperties(req, {
        [CONTEXT]: { value: context, configurable: true },
        tenant: { get: () => contextOf(req).tenant, configurable: true },
        tenantRole: { get: () => contextOf(req).role, configurable: true },
        withTenant: {
          configurable: true,
          // The tenant the credential was verified for, generation included: a tenant deleted and
          // re-created under the same id while the request runs is never reached.
          value: <T>(fn: (scope: TenantScope<AppTables>) => Promise<T>, scopeOptions?: WithTenantOptions) =>
            tenantry.withTenant({ id: context.tenant.id, generation: context.tenant.generation }, fn, scopeOptions),
        },
      });
      next();
    }, next);
  };
}

/** Route middleware: 403 `forbidden` unless the request's role is at least `role`. */
export function requireRole(role: Role): (req: Req, res: ServerResponse, next: Next) => void {
  return (req, _res, next) => {
    try {
      checkRole(contextOf(req).role, role);
      next();
    } catch (error) {
      next(error);
    }
  };
}

/**
 * Express error middleware: every error as application/problem+json (Tenantry's errors by their code,
 * other client errors by `status`/`statusCode`, anything else a 500 that says nothing internal).
 */
export function problemHandler(error: unknown, req: Req, res: ServerResponse, next: Next): void {
  if (res.headersSent) return next(error);
  const err = error instanceof Error ? error : new Error(String(error));
  const status = (err as { status?: unknown }).status;
  if (typeof status === 'number' && (err as { statusCode?: unknown }).statusCode === undefined) Object.assign(err, { statusCode: status });
  // The path, without its query, and with a `/t/{tenant}` prefix's tenant left out (as Tenantry's API does).
  const instance = (req.originalUrl ?? req.url ?? '/').split('?')[0]!.replace(/^\/t\/[^/]*/, '/t/{tenant}');
  const body = { ...toProblem(err), instance };
  if ((body.status === 429 || body.status === 503) && !res.hasHeader('Retry-After')) {
    res.setHeader('Retry-After', String((err instanceof TenantryError && err.retryAfter) || 1));
  }
  res.statusCode = body.status;
  res.setHeader('Content-Type', 'application/problem+json');
  res.end(JSON.stringify(body));
}

export default tenantryMiddleware;
