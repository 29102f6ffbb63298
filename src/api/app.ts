import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Tenantry } from '../tenantry.js';
import { CursorCodec } from './cursor.js';
import { AddressBuckets, RateLimiter } from './rate-limit.js';
import { RecordsService } from '../records/records.js';
import { Sandbox } from '../sandbox/sandbox.js';
import { ModelsService } from '../ml/models.js';
import { TrainingPool } from '../ml/worker-pool.js';
import { WorkflowRuntime } from '../workflows/runtime.js';
import { jsonLimitsPlugin } from './plugins/json-limits.js';
import { clientErrorHandler, frameworkErrors, problemPlugin } from './plugins/problem.js';
import { ADDRESS_LIMIT_DEFAULTS, type AddressLimits } from './plugins/address-limits.js';
import { controlTenantRoutes } from './routes/control-tenants.js';
import { dataPlaneRoutes } from './routes/data-plane.js';
import { ApiKeys } from '../auth/api-keys.js';
import type { JwtVerifier } from '../auth/jwt.js';
import { ValidationError } from '../errors.js';
import { ADMIN_TOKEN_MIN_LENGTH } from '../config.js';

export interface AppOptions {
  tenantry: Tenantry;
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
  /** Per-address budgets (failed authentications, control-plane requests), per minute; defaults in ADDRESS_LIMIT_DEFAULTS. */
  addressLimits?: { authFailuresPerMinute?: number; controlRequestsPerMinute?: number };
  logger?: FastifyServerOptions['logger'];
}

export type TenantryApp = FastifyInstance & { draining: boolean; models: ModelsService; workflows: WorkflowRuntime };

/**
 * The Fastify application, apart from listening (server.ts), so tests drive it with `inject`.
 * Schemas are strict: unknown body properties are refused (400), never silently dropped.
 */
export async function buildApp({
  tenantry,
  adminToken,
  cursorSecret,
  baseDomain,
  jwt,
  addressLimits: limits = {},
  trustProxy = false,
  logger = false,
}: AppOptions): Promise<TenantryApp> {
  // loadConfig refuses a short TENANTRY_ADMIN_TOKEN; this also covers a token file edited by hand.
  if (adminToken.length < ADMIN_TOKEN_MIN_LENGTH) throw new ValidationError(`the platform admin token must be at least ${ADMIN_TOKEN_MIN_LENGTH} characters`);
  const app = Fastify({
    logger,
    bodyLimit: 1024 * 1024,
    // A hop count is accepted by Fastify (proxy-addr) though its types leave it out.
    trustProxy: trustProxy as FastifyServerOptions['trustProxy'],
    // strictNumbers off: Ajv then checks a number coerced from the query string (`?limit=Infinity`)
    // against its bounds, which with it on it skips for non-finite values (they reached SQL: a 500).
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false, strictNumbers: false } },
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as TenantryApp;
  app.decorate('draining', false);

  await app.register(problemPlugin);
  await app.register(jsonLimitsPlugin);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tenantry API', version: '1' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });

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
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The same document rendered (Swagger UI's assets come from the package: no CDN, works offline).
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { deepLinking: true }, staticCSP: true });

  const cursors = new CursorCodec(cursorSecret);
  const apiKeys = new ApiKeys(tenantry.catalog, tenantry.config.catalogCacheMs);
  // One failed-authentication budget per address for both planes.
  const addressLimits: AddressLimits = {
    authFailures: new AddressBuckets(limits.authFailuresPerMinute ?? ADDRESS_LIMIT_DEFAULTS.authFailuresPerMinute),
    controlRequests: new AddressBuckets(limits.controlRequestsPerMinute ?? ADDRESS_LIMIT_DEFAULTS.controlRequestsPerMinute),
  };
  await app.register(controlTenantRoutes, { tenantry, apiKeys, adminToken, cursors, addressLimits });
  // The data plane, at /v1/… and again under /t/{tenant}/v1/… (the tenant named in the path).
  const rateLimiter = new RateLimiter();
  // Tenant-supplied logic (JSONata, heavy schema checks) runs here, off the event loop, bounded.
  const sandbox = new Sandbox();
  const records = new RecordsService(tenantry, sandbox);
  const trainingPool = new TrainingPool();
  const models = new ModelsService(
    (id, fn, options) => tenantry.withTenant(id, fn, options),
    trainingPool,
    (err, context) => app.log.error({ err, ...context }, 'model training failed'),
  );
  app.decorate('models', models);
  const workflows = new WorkflowRuntime(tenantry, records, models, sandbox);
  app.decorate('workflows', workflows);
  app.addHook('onClose', async () => {
    // Steps may use the training pool: stop them first.
    await workflows.stopEngine();
    await trainingPool.close();
    await models.idle();
    await sandbox.close();
  });
  const dataPlane = { tenantry, apiKeys, jwt, rateLimiter, records, models, workflows, cursors, baseDomain, addressLimits };
  await app.register(dataPlaneRoutes, dataPlane);
  await app.register(dataPlaneRoutes, { ...dataPlane, prefix: '/t/:tenant' });
  return app;
}
