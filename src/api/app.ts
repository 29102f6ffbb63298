import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Tenantry } from '../tenantry.js';
import { CursorCodec } from './cursor.js';
import { AddressBuckets, RateLimiter } from './rate-limit.js';
import type { ModelsService } from '../ml/models.js';
import { Services } from '../services.js';
import type { WorkflowRuntime } from '../workflows/runtime.js';
import { jsonLimitsPlugin } from './plugins/json-limits.js';
import { isControlPlane, openapiPlugin, TENANT_PREFIX } from './openapi.js';
import { clientErrorHandler, frameworkErrors, problemPlugin } from './plugins/problem.js';
import { ADDRESS_LIMIT_DEFAULTS, type AddressLimits } from './plugins/address-limits.js';
import { controlTenantRoutes } from './routes/control-tenants.js';
import { dataPlaneRoutes } from './routes/data-plane.js';
import type { JwtVerifier } from '../auth/jwt.js';
import { ValidationError } from '../errors.js';
import { ADMIN_TOKEN_MIN_LENGTH } from '../config.js';
import { requestAudit, type RequestAudit } from '../audit/context.js';

export interface AppOptions {
  /** The services to serve (src/services.ts), owned by the caller: closing the app leaves them open. */
  services?: Services;
  /** Or a Tenantry to build the services over; the app then closes those services (not the Tenantry) on close. */
  tenantry?: Tenantry;
  /** Platform admin token for the control plane. */
  adminToken: string;
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
}

const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

export type TenantryApp = FastifyInstance & { draining: boolean; models: ModelsService; workflows: WorkflowRuntime };

/**
 * The Fastify application, apart from listening (server.ts), so tests drive it with `inject`.
 * Schemas are strict: unknown body properties are refused (400), never silently dropped.
 */
export async function buildApp(options: AppOptions): Promise<TenantryApp> {
  const { services: given, tenantry: bare, adminToken, trustProxy = false, logger = false } = options;
  // loadConfig refuses a short TENANTRY_ADMIN_TOKEN; this also covers a token file edited by hand.
  if (adminToken.length < ADMIN_TOKEN_MIN_LENGTH) throw new ValidationError(`the platform admin token must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters`);
  const app = Fastify({
    logger,
    bodyLimit: 1024 * 1024,
    // A hop count is accepted by Fastify (proxy-addr) though its types leave it out.
    trustProxy: trustProxy as FastifyServerOptions['trustProxy'],
    // strictNumbers off: Ajv then checks a number coerced from the query string (`?limit=Infinity`)
    // against its bounds, which with it on it skips for non-finite values (they reached SQL: a 500).
    // allErrors: a 400 lists every problem (API.md); request bodies are bounded (1 MiB, our own schemas).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: true, strictNumbers: false } },
    // X-Request-Id honoured when it is a plausible id (visible ASCII, at most 128), else one is made.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as TenantryApp;
  app.decorate('draining', false);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  if (!given && !bare) throw new TypeError('buildApp needs services (or a tenantry to build them over)');
  const services = given ?? Services.over(bare!, { log: (level, msg, fields) => app.log[level](fields ?? {}, msg) });
  if (!given) app.addHook('onClose', () => services.close());
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
  const { adminToken, cursorSecret, baseDomain, jwt, addressLimits: limits = {} } = options;
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
    onFailure: (request) => tenantry.platformAudit.authenticationFailed(isControlPlane(request.url.split('?')[0]!) ? 'control' : 'data'),
  };
  await app.register(controlTenantRoutes, {
    tenants: tenantry.tenants,
    catalog: tenantry.catalog,
    apiKeys,
    adminToken,
    cursors,
    addressLimits,
    operations: tenantry.operations,
    tenantExports: services.tenantExports,
    audit: tenantry.audit,
    platformAudit: tenantry.platformAudit,
    usage: services.usage,
  });
  // The data plane, at /v1/… and again under /t/{tenant}/v1/… (the tenant named in the path).
  const rateLimiter = new RateLimiter();
  const dataPlane = {
    catalog: tenantry.catalog,
    apiKeys,
    jwt,
    rateLimiter,
    records,
    models,
    workflows,
    cursors,
    baseDomain,
    addressLimits,
    audit: tenantry.audit,
    usage: services.usage,
  };
  await app.register(dataPlaneRoutes, dataPlane);
  await app.register(dataPlaneRoutes, { ...dataPlane, prefix: TENANT_PREFIX });
}
