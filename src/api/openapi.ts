import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { HEADERS, components, problems, type HeaderName, type ProblemStatus } from './schemas.js';

/** The OpenAPI document's introduction (shown at /docs). */
const API_DESCRIPTION = [
  'Tenantry: a multi-tenant backend. Each tenant sees only its own data, enforced by the database.',
  '',
  '**Two credentials.** The control plane (`/v1/tenants…`, `/v1/operations…`, `/v1/platform…`) takes the platform admin token. The data plane (everything else under `/v1`) takes a tenant credential: an API key (`tnty_…`, made with `POST /v1/tenants/{id}/api-keys` or `tenantry key create`) or a tenant JWT. Both go in `Authorization: Bearer …`.',
  '',
  '**Naming the tenant.** The credential decides the tenant. Every data-plane operation is also served under `/t/{tenant}` (e.g. `/t/acme/v1/collections`): the second server of each data-plane path. There `{tenant}` must agree with the credential (403 `tenant_mismatch` otherwise); so must `X-Tenant-Id` or a subdomain of the base domain, when given.',
  '',
  '**Errors** are `application/problem+json` (RFC 9457, the `Problem` schema) with a stable `code`, `instance` and `requestId`; a 400 lists every problem in `errors: [{pointer, message}]`. Every 429 and 503 carries `Retry-After`.',
  '',
  '**Lists** take `?limit=` (1–500, default 50) and `?cursor=` (the `nextCursor` of the page before; opaque and signed). Every response carries `X-Request-Id`; every data-plane response after authentication carries `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.',
].join('\n');

const TAGS = [
  { name: 'control plane', description: 'Tenants and their first keys, with the platform admin token' },
  { name: 'data plane', description: 'The calling tenant and its API keys, with a tenant credential (keys need the admin role)' },
  { name: 'records', description: 'Collections and their records: JSON objects, optionally checked by a JSON Schema, queried with filters, sorts and cursors' },
  { name: 'models', description: "Classification, regression and recommendation models trained on a collection's records" },
  { name: 'workflows', description: 'Workflow definitions (steps with dependencies, retries, schedules) and their runs' },
  { name: 'audit', description: 'Audit trails (hash chains) and metered usage: the tenant its own, the platform admin every tenant and the platform' },
];

/** The tenant named in the path: every data-plane route is served a second time under it. */
export const TENANT_PREFIX = '/t/:tenant';

/** The control plane is /v1/tenants…, /v1/operations… and /v1/platform…; the rest of /v1 is the data plane. */
export const isControlPlane = (path: string) => /^\/v1\/(tenants|operations|platform)(\/|$)/.test(path);

/**
 * The data plane's two ways in, documented once per path (the routes under /t/{tenant} are hidden
 * from the document: they are the same operations).
 */
const DATA_PLANE_SERVERS = [
  { url: '/', description: "The tenant is the credential's" },
  {
    url: '/t/{tenant}',
    description: "The tenant named in the path too: it must be the credential's (403 tenant_mismatch otherwise)",
    variables: { tenant: { default: 'acme', description: 'The tenant id' } },
  },
];

/** What every operation of a plane may answer, whatever the route: its one authentication hook's refusals. */
const PLANES = {
  control: { security: 'adminToken', problems: [401, 429] },
  data: { security: 'tenantCredential', problems: [401, 403, 429, 503] },
} as const satisfies Record<string, { security: string; problems: readonly ProblemStatus[] }>;

/** Set on every response the data plane sends once the credential is verified (every status but 401). */
const RATE_LIMIT_HEADERS: HeaderName[] = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];

type ResponseObject = { description?: string; headers?: Record<string, unknown>; content?: Record<string, unknown>; type?: string };

/** `getCollectionsByNameRecordsById`: a stable operationId from the method and the path. */
function operationId(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((w) => w && w !== 'v1')
    .map((w) => (w.startsWith(':') ? `By-${w.slice(1)}` : w).replace(/[-_](.)/g, (_, c: string) => c.toUpperCase()))
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1));
  return `${method.toLowerCase()}${words.join('')}`;
}

/**
 * A route's schema with what its plane adds to every operation: the credential, the authentication
 * hook's problem responses, and the headers every response carries. A route's response must be a
 * `json(…)` or `empty(…)` (src/api/schemas.ts), so each status has its description and headers.
 */
function documented(route: RouteOptions, url: string): RouteOptions['schema'] {
  const schema = route.schema as { operationId?: string; body?: unknown; response?: Record<string, ResponseObject> };
  const plane = isControlPlane(url) ? PLANES.control : PLANES.data;
  // A body is parsed before any route code runs: too large, or of another media type, is refused there.
  const response: Record<string, ResponseObject> = { ...problems(...plane.problems), ...(schema.body ? problems(413, 415) : {}), ...schema.response };
  for (const [status, answer] of Object.entries(response)) {
    if (!answer.content && answer.type !== 'null')
      throw new Error(`${route.method} ${route.url}: response ${status} needs json(…) or empty(…) (src/api/schemas.ts)`);
    const headers: HeaderName[] = ['X-Request-Id', ...(plane === PLANES.data && status !== '401' ? RATE_LIMIT_HEADERS : [])];
    response[status] = { ...answer, headers: { ...answer.headers, ...Object.fromEntries(headers.map((name) => [name, HEADERS[name]])) } };
  }
  return {
    ...route.schema,
    operationId: schema.operationId ?? operationId(String(route.method), url),
    security: [{ [plane.security]: [] }],
    response,
  } as RouteOptions['schema'];
}

type Document = { paths?: Record<string, Record<string, unknown> | undefined>; components?: Record<string, unknown> };
type Operation = { responses?: Record<string, { headers?: Record<string, unknown> }> };

/**
 * The generated document, finished: the data-plane paths get their two servers, and the response
 * headers of HEADERS become references to `#/components/headers/<name>` (one description each).
 */
function finish<T extends object>(generated: T): T {
  const document = generated as Document;
  document.components = {
    ...document.components,
    headers: Object.fromEntries(Object.entries(HEADERS).map(([name, { description, ...schema }]) => [name, { description, schema }])),
  };
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!item) continue;
    for (const operation of Object.values(item) as Operation[]) {
      for (const response of Object.values(operation.responses ?? {})) {
        for (const name of Object.keys(response.headers ?? {})) {
          if (Object.hasOwn(HEADERS, name)) response.headers![name] = { $ref: `#/components/headers/${name}` };
        }
      }
    }
    if (!isControlPlane(path)) item.servers = DATA_PLANE_SERVERS;
  }
  return generated;
}

/**
 * The OpenAPI document (/openapi.json, rendered at /docs), generated from the route schemas: named
 * schemas as components, every operation with its credential, problems and headers, the data plane's
 * /t/{tenant} prefix as a second server instead of a second copy of every path.
 */
export const openapiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Tenantry API', version: '1', description: API_DESCRIPTION },
      servers: [{ url: '/', description: 'This server' }],
      tags: TAGS,
      components: {
        securitySchemes: {
          adminToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'The platform admin token (TENANTRY_ADMIN_TOKEN, or .tenantry/admin-token): the control plane, /v1/tenants…',
          },
          tenantCredential: {
            type: 'http',
            scheme: 'bearer',
            bearerFormat: 'API key or JWT',
            description: 'A tenant API key (tnty_…) or a tenant JWT: the data plane',
          },
        },
      },
    },
    // A named schema is `#/components/schemas/<its $id>`; there is no other kind (no `def-N`).
    refResolver: {
      buildLocalReference(json) {
        if (typeof json.$id !== 'string' || !/^[A-Z][A-Za-z]+$/.test(json.$id)) throw new Error(`a schema with $id ${String(json.$id)} has no component name`);
        return json.$id;
      },
    },
    transformObject: (document) => ('openapiObject' in document ? finish(document.openapiObject) : document.swaggerObject),
  });
  for (const { schema } of components()) app.addSchema(schema);

  app.addHook('onRoute', (route) => {
    if (!route.schema || route.schema.hide || route.method === 'HEAD' || !route.url.includes('/v1/')) return;
    const prefixed = route.url.startsWith(TENANT_PREFIX);
    const url = prefixed ? route.url.slice(TENANT_PREFIX.length) : route.url;
    // The copy under /t/{tenant} is served and checked the same, but documented once (DATA_PLANE_SERVERS).
    route.schema = { ...documented(route, url), ...(prefixed && { hide: true }) };
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // The same document rendered (Swagger UI's assets come from the package: no CDN, works offline), without
  // Swagger UI's own top bar (a box to load any other document).
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    uiConfig: { deepLinking: true, layout: 'BaseLayout' },
    theme: { title: 'Tenantry API' },
    staticCSP: true,
  });
});
