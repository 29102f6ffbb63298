import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Tenantry } from '../tenantry.js';
import { CursorCodec } from './cursor.js';
import { AddressBuckets, RateLimiter, type TenantRateLimiter } from './rate-limit.js';
import { RedisRateLimiter } from './redis-rate-limit.js';
import { bearerToken } from '../auth/secrets.js';
import type { Logger } from '../logging.js';
import type { ModelsService } from '../ml/models.js';
import { Services } from '../services.js';
import type { WorkflowRuntime } from '../workflows/runtime.js';
import { jsonLimitsPlugin } from './plugins/json-limits.js';
import { openapiPlugin, TENANT_PREFIX } from './openapi.js';
import { clientErrorHandler, frameworkErrors, problemPlugin } from './plugins/problem.js';
import { ADDRESS_LIMIT_DEFAULTS, admitControlRequest, requireAdminToken, type AddressLimits } from './plugins/address-limits.js';
import { consolePlugin } from './console.js';
import { controlTenantRoutes } from './routes/control-tenants.js';
import { dataPlaneRoutes } from './routes/data-plane.js';
import type { JwtVerifier } from '../auth/jwt.js';
import { TenantryError, ValidationError } from '../errors.js';
import type { Metrics } from '../metrics.js';
import { ADMIN_TOKEN_MIN_LENGTH, type MetricsAuth, type RedisFailMode } from '../config.js';
import { requestAudit, type RequestAudit } from '../audit/context.js';
import { LoadShedder, type LoadSheddingOptions } from './load-shedding.js';
import { InteractiveLoad } from './interactive-load.js';
import { RefusalLog } from './refusal-log.js';

export interface AppOptions {
  /** The services to serve (src/services.ts), owned by the caller: closing the app leaves them open. */
  services?: Services;
  /** Or a Tenantry to build the services over; the app then closes those services (not the Tenantry) on close. */
  tenantry?: Tenantry;
  /** Platform admin token for the control plane. */
  adminToken: string;
  /** The admin token being replaced: accepted too during a rotation's overlap (TENANTRY_ADMIN_TOKEN_PREVIOUS). */
  adminTokenPrevious?: string;
  /** Key that signs list cursors. */
  cursorSecret: string;
  /** `{tenant}.<baseDomain>` names a tenant by subdomain. */
  baseDomain?: string;
  /** Accept tenant JWTs verified by this (none when unset). */
  jwt?: JwtVerifier;
  /** Proxies believed about the client's address (TENANTRY_TRUST_PROXY); none by default. */
  trustProxy?: boolean | number | string[];
  /** Browser origins allowed to call the API (CORS; TENANTRY_CORS_ORIGINS): exact origins or `*`; none by default. */
  corsOrigins?: string[];
  /** Per-address budgets (failed authentications, control-plane requests), per minute; defaults in ADDRESS_LIMIT_DEFAULTS. */
  addressLimits?: { authFailuresPerMinute?: number; controlRequestsPerMinute?: number };
  logger?: FastifyServerOptions['logger'];
  /** The process's pino logger (src/logging.ts), used instead of `logger`. */
  loggerInstance?: Logger;
  /** Per-tenant buckets in Redis (TENANTRY_REDIS_URL), shared by every replica; in process without a URL. */
  rateLimits?: { redisUrl?: string; fail?: RedisFailMode; timeoutMs?: number; keyPrefix?: string };
  /**
   * Shed the lowest plans' non-critical requests under overload (load-shedding.ts): thresholds, or a
   * LoadShedder of the caller's (started and stopped with the app); off when absent.
   */
  loadShedding?: LoadSheddingOptions | LoadShedder;
  /** The console's built files (dist/console by default; src/api/console.ts). */
  consoleRoot?: string;
  /** Who may scrape /metrics (TENANTRY_METRICS_AUTH); the Tenantry's config when absent. */
  metricsAuth?: MetricsAuth;
}

/** An incoming X-Request-Id is honoured when it is a plausible id: visible ASCII, at most 128 characters. */
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;
/** W3C Trace Context: version-traceid-parentid-flags; its trace id (not all zeros) names the request. */
const TRACEPARENT = /^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** The request's id: its X-Request-Id if plausible, else its traceparent's trace id, else a random UUID (unique across processes). */
export function requestId(headers: Record<string, string | string[] | undefined>): string {
  const given = headers['x-request-id'];
  if (typeof given === 'string' && REQUEST_ID.test(given)) return given;
  const trace = headers.traceparent;
  const traceId = typeof trace === 'string' ? TRACEPARENT.exec(trace.trim().toLowerCase())?.[1] : undefined;
  if (traceId && !/^0+$/.test(traceId)) return traceId;
  return randomUUID();
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant whose credential the request carried, once verified (tenant-auth.ts): its tier labels the metrics. */
    verifiedTenant?: { id: string; tier: string } | null;
  }
}

export type TenantryApp = FastifyInstance & {
  draining: boolean;
  models: ModelsService;
  workflows: WorkflowRuntime;
  metrics: Metrics;
  /** The requests being served now: what an in-process workflow worker yields to (EngineOptions.interactive). */
  interactive: InteractiveLoad;
};

/**
 * The Fastify application, apart from listening (server.ts), so tests drive it with `inject`.
 * Schemas are strict: unknown body properties are refused (400), never silently dropped.
 */
export async function buildApp(options: AppOptions): Promise<TenantryApp> {
  const { services: given, tenantry: bare, adminToken, trustProxy = false, logger = false, loggerInstance } = options;
  // loadConfig refuses a short TENANTRY_ADMIN_TOKEN; this also covers a token file edited by hand.
  if (adminToken.length < ADMIN_TOKEN_MIN_LENGTH) throw new ValidationError(`the platform admin token must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters`);
  const app = Fastify({
    ...(loggerInstance ? { loggerInstance } : { logger }),
    // One line per request, written when it is answered (onResponse below), with everything known by then.
    logController: new LogController({ disableRequestLogging: true }),
    // A request arriving on a kept-alive connection while the server closes is served, not answered 503:
    // in-flight work finishes, idle connections are closed, and no new ones are accepted.
    return503OnClosing: false,
    bodyLimit: 1024 * 1024,
    // A hop count is accepted by Fastify (proxy-addr) though its types leave it out.
    trustProxy: trustProxy as FastifyServerOptions['trustProxy'],
    // strictNumbers off: Ajv then checks a number coerced from the query string (`?limit=Infinity`)
    // against its bounds, which with it on it skips for non-finite values (they reached SQL: a 500).
    // allErrors: a 400 lists every problem (API.md); request bodies are bounded (1 MiB, our own schemas).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true, strictNumbers: false } },
    genReqId: (req) => requestId(req.headers),
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as TenantryApp;
  app.decorate('draining', false);
  const interactive = new InteractiveLoad();
  app.decorate('interactive', interactive);
  // Counted from the first hook: a request waiting on its key check or its pool share waits too.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.raw.once('close', interactive.begin());
    done();
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    // Shutting down: clients (and proxies) open their next request elsewhere rather than reuse this connection.
    if (app.draining) reply.header('connection', 'close');
  });
  if (!given && !bare) throw new TypeError('buildApp needs services (or a tenantry to build them over)');
  const services = given ?? Services.over(bare!, { log: (level, msg, fields) => app.log[level](fields ?? {}, msg) });
  if (!given) app.addHook('onClose', () => services.close());
  app.decorate('metrics', services.metrics);
  observeRequests(app, services.metrics);
  try {
    await registerAll(app, services, options);
  } catch (error) {
    // The app never opened: close what it built (its services' child processes), not what it was given.
    if (!given) await services.close().catch(() => {});
    throw error;
  }
  return app;
}

async function registerAll(app: TenantryApp, services: Services, options: AppOptions): Promise<void> {
  const { adminToken, adminTokenPrevious, cursorSecret, baseDomain, jwt, addressLimits: limits = {} } = options;
  const { tenantry, records, models, workflows, apiKeys } = services;
  app.decorate('models', models);
  app.decorate('workflows', workflows);

  // Every request runs in its own audit context (src/audit/context.ts): the planes fill in what a
  // write is recorded as, and the scopes its work opens find it there. A callback hook, so that the
  // rest of the request — hooks and handler — runs inside it.
  app.addHook('onRequest', (_request, _reply, done) => {
    requestAudit.run({ recorded: false, done: false } satisfies RequestAudit, done);
  });
  // Metering: a request of a tenant counts once it is authenticated (no database write: Meter).
  app.addHook('onResponse', async (request) => {
    const audit = requestAudit.getStore();
    if (audit) audit.done = true;
    if (request.tenantContext) tenantry.meter.add(request.tenantContext.tenant.id, 'apiRequests');
  });

  await app.register(problemPlugin);
  const { corsOrigins = [] } = options;
  if (corsOrigins.length > 0) {
    // Preflights answered here; credentials are bearer tokens (never cookies), so no credentials mode.
    await app.register(cors, {
      origin: corsOrigins.includes('*') ? '*' : corsOrigins,
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'if-match', 'if-none-match', 'idempotency-key', 'x-request-id', 'x-tenant-id'],
      exposedHeaders: ['etag', 'location', 'retry-after', 'idempotent-replayed', 'x-request-id', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'],
      maxAge: 600,
    });
  }
  await app.register(jsonLimitsPlugin);
  await app.register(openapiPlugin);
  await app.register(consolePlugin, { root: options.consoleRoot });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (app.draining) return reply.code(503).send({ status: 'draining' });
    try {
      await tenantry.catalog.clusterNames();
      return { status: 'ready' };
    } catch {
      return reply.code(503).send({ status: 'database unreachable' });
    }
  });

  const cursors = new CursorCodec(cursorSecret);
  // One failed-authentication budget per address for both planes.
  const addressLimits: AddressLimits = {
    authFailures: new AddressBuckets(limits.authFailuresPerMinute ?? ADDRESS_LIMIT_DEFAULTS.authFailuresPerMinute),
    controlRequests: new AddressBuckets(limits.controlRequestsPerMinute ?? ADDRESS_LIMIT_DEFAULTS.controlRequestsPerMinute),
    // Recorded in the platform's audit trail, a minute's failures of a plane as one entry.
    onFailure: (_request, plane) => tenantry.platformAudit.authenticationFailed(plane),
  };
  // Prometheus (API.md: an operations endpoint, no token). The series that name tenants are served only
  // to the platform admin token, and TENANTRY_METRICS_AUTH=admin puts the whole endpoint behind it;
  // TENANTRY_METRICS_PORT serves everything without a token on an internal port (server.ts). The
  // control plane's per-address limits apply: a wrong token spends the address's failed-authentication
  // budget, as guessing it anywhere else does. Anonymous scrapes share one result a second (metrics.ts).
  const metricsAuth = options.metricsAuth ?? tenantry.config.metricsAuth;
  const adminTokens = { current: adminToken, previous: adminTokenPrevious };
  app.get('/metrics', { schema: { hide: true } }, async (request, reply) => {
    admitControlRequest(addressLimits, request, reply);
    const token = bearerToken(request.headers.authorization);
    // A token sent must be the admin's (else 401, counted); without one, the anonymous scrape.
    const admin = token !== '';
    if (admin) requireAdminToken(addressLimits, request, reply, token, adminTokens, 'the Bearer credential is not the platform admin token');
    else if (metricsAuth === 'admin') {
      reply.header('WWW-Authenticate', 'Bearer');
      throw new TenantryError('unauthorized', 'metrics need the platform admin token as a Bearer credential (TENANTRY_METRICS_AUTH=admin)');
    }
    const { contentType, body } = await services.metrics.scrape({ tenants: admin });
    return reply.type(contentType).send(body);
  });
  await app.register(controlTenantRoutes, {
    tenants: tenantry.tenants,
    catalog: tenantry.catalog,
    apiKeys,
    adminToken,
    adminTokenPrevious,
    keyRotation: tenantry.keyRotation,
    cursors,
    addressLimits,
    operations: tenantry.operations,
    tenantExports: services.tenantExports,
    audit: tenantry.audit,
    platformAudit: tenantry.platformAudit,
    usage: services.usage,
    models,
    workflows,
    platform: {
      clusters: () => tenantry.storage.clusters,
      tenantCounts: () => tenantry.catalog.tenantCounts(),
      pools: () => tenantry.storage.poolStats(),
      connections: () => tenantry.storage.connectionBudget(),
      metrics: services.metrics,
    },
  });
  // The data plane, at /v1/… and again under /t/{tenant}/v1/… (the tenant named in the path).
  const rateLimiter = tenantRateLimiter(app, services, options);
  const onRateLimited = (tenant: { tier: string }) => services.metrics.rateLimited.inc({ tier: tenant.tier });
  const shedder = loadShedder(app, services, options.loadShedding);
  const onShed = (tenant: { tier: string }) => services.metrics.shedRequests.inc({ tier: tenant.tier });
  const dataPlane = {
    catalog: tenantry.catalog,
    tenants: tenantry.tenants,
    apiKeys,
    jwt,
    rateLimiter,
    onRateLimited,
    records,
    models,
    workflows,
    cursors,
    baseDomain,
    addressLimits,
    audit: tenantry.audit,
    usage: services.usage,
    shedder,
    onShed,
  };
  await app.register(dataPlaneRoutes, dataPlane);
  await app.register(dataPlaneRoutes, { ...dataPlane, prefix: TENANT_PREFIX });
}

/**
 * Per request, once answered: one log line (request id from the child logger; tenant and key id when
 * verified; route pattern, status, duration) and the HTTP metrics.
 */
function observeRequests(app: TenantryApp, metrics: Metrics): void {
  // A flood past a rate limit is logged a few lines a minute, not a line per refusal (RefusalLog).
  const refusals = new RefusalLog((key, unlogged, windowMs) =>
    app.log.warn(
      { ...(key.startsWith('address ') ? { address: key.slice(8) } : { tenant: key }), status: 429, unlogged },
      `${unlogged} more requests refused with 429 in the last ${windowMs / 1000} s, logged at debug level only`,
    ),
  );
  app.addHook('onClose', async () => refusals.close());
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const tenant = request.verifiedTenant ?? undefined;
    const seconds = reply.elapsedTime / 1000;
    const status = reply.statusCode;
    if (route !== '/metrics') metrics.request({ method: request.method, route, status, tier: tenant?.tier ?? 'none', tenantId: tenant?.id }, seconds);
    const fields = { method: request.method, route, status, durationMs: Math.round(reply.elapsedTime * 10) / 10 };
    if (status === 429 && !refusals.first(tenant ? tenant.id : `address ${request.ip}`)) reply.log.debug(fields, 'request completed');
    // 503: refused for want of capacity (busy, overloaded: shed), which the caller retries — not a failure.
    else if (status === 503) reply.log.warn(fields, 'request completed');
    else if (status >= 500) reply.log.error(fields, 'request completed');
    else if (route === '/healthz' || route === '/readyz' || route === '/metrics') reply.log.debug(fields, 'request completed');
    else reply.log.info(fields, 'request completed');
  });
}

/**
 * The app's load shedder, measuring while the app is open: requests waiting for a database connection
 * are those waiting for a place in the process's connection budget plus those queued at a main pool.
 */
function loadShedder(app: TenantryApp, services: Services, given: LoadSheddingOptions | LoadShedder | undefined): LoadShedder | undefined {
  if (!given) return undefined;
  const { storage } = services.tenantry;
  const shedder =
    given instanceof LoadShedder
      ? given
      : new LoadShedder({
          dbWaitingNow: () => (storage.connectionBudget()?.waiting ?? 0) + storage.poolStats().reduce((n, p) => n + p.waiting, 0),
          ...given,
        });
  // Measuring from when the app is ready: compiling the routes' schemas blocks the loop for a moment,
  // which would otherwise read as overload and shed the first requests.
  app.addHook('onReady', async () => {
    shedder.start();
  });
  services.metrics.observeLoad(shedder);
  app.addHook('onClose', async () => {
    shedder.stop();
    services.metrics.observeLoad(undefined);
  });
  return shedder;
}

/** In process, or in Redis when a URL is given (closed with the app). */
function tenantRateLimiter(app: TenantryApp, services: Services, options: AppOptions): TenantRateLimiter {
  const { redisUrl, fail = 'open', timeoutMs = 250, keyPrefix } = options.rateLimits ?? {};
  if (!redisUrl) return new RateLimiter();
  const limiter = new RedisRateLimiter({
    url: redisUrl,
    fail,
    timeoutMs,
    keyPrefix: keyPrefix ?? `tenantry:${services.tenantry.storage.deployment ?? 'default'}:`,
    onStoreError: (_error, outcome) => services.metrics.rateLimitStoreErrors.inc({ outcome }),
    log: (level, msg, fields) => app.log[level](fields, msg),
  });
  app.addHook('onReady', async () => {
    if (!(await limiter.ready(Math.min(2000, Math.max(500, timeoutMs * 4)))))
      app.log.warn(`rate-limit store (Redis) not reachable yet; failing ${fail} until it is`);
  });
  app.addHook('onClose', () => limiter.close());
  return limiter;
}
