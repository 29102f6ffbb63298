/**
 * The typed Tenantry client: `import { createClient } from 'tenantry/client'`.
 *
 * An openapi-fetch client over the types generated from the server's OpenAPI document (./schema.ts,
 * `npm run client:generate`), so paths, parameters, bodies and responses are checked by the compiler.
 * It imports nothing from the server — only openapi-fetch and types — so it works in browsers and any
 * runtime with `fetch`.
 *
 * @example
 * const tenantry = createClient({ baseUrl: 'http://127.0.0.1:3000', token: apiKey });
 * const { data, error } = await tenantry.GET('/v1/collections/{name}/records', {
 *   params: { path: { name: 'orders' }, query: { filter: JSON.stringify({ total: { $gte: 10 } }) } },
 * });
 */
import createOpenApiClient from 'openapi-fetch';
import type { Client, ClientOptions, ClientPathsWithMethod, HeadersOptions, MethodResponse } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

export interface TenantryClientOptions {
  /** Where the server is, e.g. `https://api.example.com` (no `/v1`). */
  baseUrl: string;
  /**
   * Sent as `Authorization: Bearer <token>`: the platform admin token for the control plane
   * (`/v1/tenants…`), a tenant API key (`tnty_…`) or a tenant JWT for the data plane. A function is
   * called before every request (a JWT that is refreshed). An `authorization` header given on a call wins.
   */
  token: string | (() => string | Promise<string>);
  /**
   * The tenant the credential is expected to be for. Sent as `X-Tenant-Id` on data-plane calls
   * (everything but `/v1/tenants…`); the server answers 403 `tenant_mismatch` when the credential is
   * another tenant's, so a key mixed up between tenants fails loudly instead of reading the wrong
   * tenant's data. The credential alone decides the tenant: leaving this out changes nothing else.
   */
  tenant?: string;
  /** A `fetch` to use instead of `globalThis.fetch`. */
  fetch?: ClientOptions['fetch'];
  /** Headers sent with every request (a call's own headers win). */
  headers?: HeadersOptions;
}

/** The openapi-fetch client over Tenantry's paths: `GET`, `POST`, `PUT`, `PATCH`, `DELETE`, `use`. */
export type TenantryClient = Client<paths>;

/** The control plane takes the admin token and names no tenant; `/v1/tenant` (singular) is the data plane's. */
const CONTROL_PLANE = /^\/v1\/tenants(\/|$)/;

/** A client for one server and one credential. Calls resolve to `{ data }` or `{ error }` (see `unwrap`). */
export function createClient(options: TenantryClientOptions): TenantryClient {
  const { baseUrl, token, tenant, fetch, headers } = options;
  const client = createOpenApiClient<paths>({ baseUrl, headers, ...(fetch && { fetch }) });
  client.use({
    async onRequest({ request, schemaPath }) {
      if (!request.headers.has('authorization')) request.headers.set('authorization', `Bearer ${typeof token === 'function' ? await token() : token}`);
      if (tenant !== undefined && !CONTROL_PLANE.test(schemaPath)) request.headers.set('x-tenant-id', tenant);
      return request;
    },
  });
  return client;
}

/**
 * An error response: RFC 9457 problem details, as every Tenantry error is (`application/problem+json`).
 * `code` is the stable machine string to branch on (`not_found`, `validation_failed`,
 * `version_conflict`, `rate_limited`, …); a 400 lists every problem it found in `errors`.
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  /** The request path this problem is about. */
  instance?: string;
  /** The request id (`X-Request-Id`), for the server's logs. */
  requestId?: string;
  /** Every problem a 400 found: JSON pointers into the body, or `/query/<name>`, `/path/<name>`, `/headers/<name>`. */
  errors?: Array<{ pointer: string; message: string }>;
}

/** Whether an error body is problem details (a proxy in front of the server may answer otherwise). */
export function isProblem(value: unknown): value is Problem {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.status === 'number' && typeof v.code === 'string' && typeof v.title === 'string';
}

/** A call that did not succeed, for callers who prefer exceptions (`unwrap`). */
export class TenantryApiError extends Error {
  override readonly name = 'TenantryApiError';
  /** The HTTP status. */
  readonly status: number;
  /** The problem details, when the body was problem details. */
  readonly problem: Problem | undefined;
  /** The body otherwise (text, or undefined when empty). */
  readonly body: unknown;
  readonly response: Response;

  constructor(response: Response, body: unknown) {
    const problem = isProblem(body) ? body : undefined;
    super(problem ? `${problem.status} ${problem.code}: ${problem.detail}` : `${response.status} ${response.statusText || 'HTTP error'}`);
    this.status = response.status;
    this.problem = problem;
    this.body = problem ? undefined : body;
    this.response = response;
  }

  /** The problem's stable `code`, e.g. `not_found`. */
  get code(): string | undefined {
    return this.problem?.code;
  }
}

/**
 * The data of a successful call, or a thrown `TenantryApiError` (any status outside 2xx, including a
 * 304 answering `If-None-Match`).
 *
 * @example
 * const record = await unwrap(tenantry.GET('/v1/collections/{name}/records/{id}', { params: { path: { name: 'orders', id } } }));
 */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new TenantryApiError(response, error);
  return data as T;
}

/** The body of a successful response to `method` on `path`, e.g. `Body<'get', '/v1/runs/{id}'>`. */
export type Body<M extends 'get' | 'post' | 'put' | 'patch' | 'delete', P extends ClientPathsWithMethod<TenantryClient, M>> = MethodResponse<
  TenantryClient,
  M,
  P
>;

/**
 * A record: `data` is the caller's JSON object, typed `Record<string, unknown>` — a collection's JSON
 * Schema is the tenant's, not the document's — so narrow it with a type guard or a validator.
 */
export type CollectionRecord = Body<'get', '/v1/collections/{name}/records/{id}'>;
/** A page of records: `{ items, nextCursor, total? }`. */
export type RecordPage = Body<'get', '/v1/collections/{name}/records'>;
export type Collection = Body<'get', '/v1/collections/{name}'>;
export type Model = Body<'get', '/v1/models/{name}'>;
export type Predictions = Body<'post', '/v1/models/{name}/predict'>;
export type Workflow = Body<'get', '/v1/workflows/{name}'>;
export type Run = Body<'get', '/v1/runs/{id}'>;
export type Tenant = Body<'get', '/v1/tenants/{id}'>;
/** A new API key: its secret `key` is shown only in this response. */
export type CreatedApiKey = Body<'post', '/v1/tenants/{id}/api-keys'>;
