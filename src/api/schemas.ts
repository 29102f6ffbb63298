import type { SwaggerTransform } from '@fastify/swagger';
import { Type, type Static, type TSchema, type TUnsafe } from '@fastify/type-provider-typebox';
import { ERROR_CODES, type ErrorCode } from '../errors.js';
import type { Role } from '../tenancy/catalog.js';

// ---------------------------------------------------------------------------------------------------
// Named schemas (the OpenAPI document's components)

/**
 * A schema the OpenAPI document names: registered once with `app.addSchema` (openapiPlugin in
 * openapi.ts) and referenced by `$ref`, so /openapi.json says `#/components/schemas/<name>` and a
 * client generated from it gets a type of that name. Validation and serialisation resolve the same
 * `$ref` against the registered schema.
 */
export interface Component<T extends TSchema> {
  readonly name: string;
  /** The schema with its `$id`: what is registered. */
  readonly schema: T & { $id: string };
  /** `{$ref: name}`, typed as the schema, for route schemas (handlers stay type-checked). */
  readonly ref: TUnsafe<Static<T>>;
}

const COMPONENTS = new Map<string, Component<TSchema>>();

/** Declares a named schema (once per name: a second one would shadow the first in the document). */
export function component<T extends TSchema>(name: string, schema: T): Component<T> {
  if (COMPONENTS.has(name)) throw new Error(`the schema ${name} is declared twice`);
  const named: Component<T> = { name, schema: { ...schema, $id: name }, ref: Type.Unsafe<Static<T>>(Type.Ref(name)) };
  COMPONENTS.set(name, named);
  return named;
}

/** Every named schema declared so far (the route modules declare theirs when they are imported). */
export function components(): Array<Component<TSchema>> {
  return [...COMPONENTS.values()];
}

/**
 * A string that is one of `values`, as `{type: "string", enum}`: one line in the document and in
 * Ajv's errors ("must be one of …"), and a union type for generated clients.
 */
export function stringEnum<const V extends readonly string[]>(values: V, options: { description?: string } = {}): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ type: 'string', enum: [...values], ...options });
}

/** An object with any JSON values. */
export const JsonObject = Type.Record(Type.String(), Type.Unknown());

export const Timestamp = Type.String({ format: 'date-time' });

export const RoleSchema = stringEnum(['admin', 'member', 'viewer'] as const satisfies readonly Role[], {
  description: 'admin: keys, collection schemas, workflow definitions; member: write data, train, run; viewer: read, predict, recommend',
});

/**
 * A route's `config.swaggerTransform`: the document shows `body` as the request body instead of the
 * schema Ajv checks. For a body whose values a service checks itself, to answer with its own error
 * code (400 `unknown_tier` rather than `validation_failed`): `body` says what is accepted.
 */
export function documentBody(body: TSchema): SwaggerTransform {
  return ({ schema, url }) => ({ schema: { ...schema, body }, url });
}

// ---------------------------------------------------------------------------------------------------
// Problems (RFC 9457)

const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as ErrorCode[];

/** RFC 9457 problem details, as src/api/plugins/problem.ts sends them. */
export const Problem = component(
  'Problem',
  Type.Object(
    {
      type: Type.String({ description: 'urn:tenantry:error:<code>' }),
      title: Type.String({ description: 'The title of the code (the same for every problem of a code)' }),
      status: Type.Integer({ description: 'The HTTP status' }),
      detail: Type.String({ description: 'What went wrong, for people; a 5xx says nothing internal' }),
      code: stringEnum(ERROR_CODE_NAMES, { description: 'A stable machine string (src/errors.ts)' }),
      instance: Type.Optional(Type.String({ description: 'The request path this problem is about (without its query; a tenant in the path as {tenant})' })),
      requestId: Type.Optional(Type.String({ description: 'The request id (X-Request-Id), for the logs' })),
      errors: Type.Optional(
        Type.Array(
          Type.Object({
            pointer: Type.String({ description: 'JSON pointer into the body, or /query/<name>, /path/<name>, /headers/<name>' }),
            message: Type.String(),
          }),
          { description: 'Every problem a 400 found in the request (at most 20)' },
        ),
      ),
    },
    { description: 'An error (RFC 9457 problem details), sent as application/problem+json' },
  ),
);

// ---------------------------------------------------------------------------------------------------
// Responses: what each status means, with the headers it carries

/** Response headers, each described once (API.md "Conventions"). */
export const HEADERS = {
  'X-Request-Id': { type: 'string', description: 'The request id: the X-Request-Id sent (visible ASCII, at most 128) or one made up' },
  'RateLimit-Limit': { type: 'integer', description: "The tenant's requests per minute" },
  'RateLimit-Remaining': { type: 'integer', description: 'Requests left in the bucket now' },
  'RateLimit-Reset': { type: 'integer', description: 'Seconds until the bucket is full again' },
  'Retry-After': { type: 'integer', description: 'Seconds to wait before trying again' },
  Location: { type: 'string', description: 'The path of what was created or started (under /t/{tenant} when the request came that way)' },
  ETag: { type: 'string', description: 'The record\'s version, quoted (`"3"`): send it back in If-Match or If-None-Match' },
  'Idempotent-Replayed': { type: 'string', enum: ['true'], description: 'Present when the Idempotency-Key was seen before: this is the first answer again' },
} as const;

export type HeaderName = keyof typeof HEADERS;

function headersOf(names: readonly HeaderName[]): Partial<typeof HEADERS> {
  return Object.fromEntries(names.map((name) => [name, HEADERS[name]]));
}

/** A JSON response: description, the headers the route sets, the body's schema and an example of it. */
export function json<T extends TSchema>(description: string, schema: T, options: { headers?: readonly HeaderName[]; example?: unknown } = {}) {
  const { headers = [], example } = options;
  return {
    description,
    headers: headersOf(headers),
    content: { 'application/json': { schema, ...(example !== undefined && { example }) } },
  };
}

/** A response without a body (204, 304). */
export function empty(description: string, headers: readonly HeaderName[] = []) {
  return Type.Null({ description, headers: headersOf(headers) });
}

/** What each error status means on a route that documents it (the route's description names its codes). */
const PROBLEM_STATUSES = {
  400: 'The request is not valid: `validation_failed` lists every problem in `errors`; some checks have a code of their own',
  401: 'No valid credential (`unauthorized`); WWW-Authenticate: Bearer',
  403: 'The credential may not do this: `forbidden` (role), `tenant_mismatch`, `tenant_suspended`',
  404: 'Not found (`not_found`, `tenant_not_found`)',
  409: 'Conflicts with the current state (the code says which)',
  412: 'If-Match does not name the current version (`version_conflict`)',
  413: 'The body is larger than 1 MiB (`payload_too_large`)',
  415: 'The body is neither application/json nor application/merge-patch+json, or names a charset other than UTF-8 (`unsupported_media_type`)',
  422: 'The Idempotency-Key was used before with a different request (`idempotency_key_reused`)',
  429: 'Too many requests (`rate_limited`); Retry-After says when to come back',
  503: 'No capacity right now (`busy`), or the request was shed under overload (`overloaded`: a read, run start or training of a plan shed at this load); Retry-After says when to come back',
} as const;

export type ProblemStatus = keyof typeof PROBLEM_STATUSES;

/** A problem response per status, as application/problem+json (the error handler's content type). */
export function problems<const S extends readonly ProblemStatus[]>(...statuses: S) {
  const response = (status: ProblemStatus) => ({
    description: PROBLEM_STATUSES[status],
    headers: headersOf(status === 429 || status === 503 ? ['Retry-After'] : []),
    content: { 'application/problem+json': { schema: Problem.ref } },
  });
  return Object.fromEntries(statuses.map((status) => [status, response(status)])) as { [K in S[number]]: ReturnType<typeof response> };
}

// ---------------------------------------------------------------------------------------------------
// API keys (both planes)

const ExpiresAt = Type.String({ format: 'date-time', description: 'When the key stops working (401 from then on); none if left out' });

export const NewApiKey = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), role: RoleSchema, expiresAt: Type.Optional(ExpiresAt) },
  { additionalProperties: false, examples: [{ name: 'ingest', role: 'member' }] },
);

export const ApiKeyRotation = Type.Object(
  {
    overlapSeconds: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 30 * 86_400, description: 'How long the old key keeps working (default 3600); then it expires' }),
    ),
    expiresAt: Type.Optional(ExpiresAt),
  },
  { additionalProperties: false, examples: [{ overlapSeconds: 600 }] },
);

const apiKeyProperties = {
  id: Type.String({ pattern: '^[a-z0-9]{16}$', description: 'The key id (the middle of tnty_<id>_<secret>)' }),
  name: Type.String(),
  role: RoleSchema,
  createdAt: Timestamp,
  expiresAt: Type.Union([Timestamp, Type.Null()], { description: 'When it stops working; null: never' }),
  lastUsedAt: Type.Union([Timestamp, Type.Null()], { description: 'When it last authenticated a request, to the minute (null: never)' }),
  replacedBy: Type.Union([Type.String(), Type.Null()], { description: 'The key that replaced it (a rotation); it works until expiresAt' }),
};

export const ApiKey = component('ApiKey', Type.Object(apiKeyProperties, { description: 'An API key (never its secret)' }));

/** The only response that ever carries a key's secret. */
export const ApiKeyCreated = component(
  'ApiKeyCreated',
  Type.Object(
    { ...apiKeyProperties, key: Type.String({ description: 'tnty_<keyId>_<secret>: shown this once; send it as Authorization: Bearer …' }) },
    { description: 'A new API key, with its secret' },
  ),
);

export const API_KEY_EXAMPLE = {
  id: 'k3v9x2m8q1w7e5r4',
  name: 'ingest',
  role: 'member',
  createdAt: '2026-01-05T10:00:00.000Z',
  expiresAt: null,
  lastUsedAt: null,
  replacedBy: null,
  key: 'tnty_k3v9x2m8q1w7e5r4_Vb3Ck2nQ8xJr5tYw1zLp0aHs6dFg9eRu4iOm7TqXyZc',
};
