/**
 * One registry of error codes: a stable machine string, the HTTP status it maps to, and a title.
 * The HTTP layer renders these as RFC 9457 problem+json; the CLI prints `error: <message>`.
 */
export const ERROR_CODES = {
  validation_failed: { status: 400, title: 'Validation failed' },
  invalid_cursor: { status: 400, title: 'Invalid cursor' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  uri_too_long: { status: 414, title: 'URI too long' },
  headers_too_large: { status: 431, title: 'Request header fields too large' },
  request_timeout: { status: 408, title: 'Request timeout' },
  rate_limited: { status: 429, title: 'Too many requests' },
  query_timeout: { status: 400, title: 'Query took too long' },
  query_too_expensive: { status: 400, title: 'Query too expensive' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  invalid_tenant_id: { status: 400, title: 'Invalid tenant id' },
  unknown_tier: { status: 400, title: 'Unknown tier' },
  unknown_isolation: { status: 400, title: 'Unknown isolation strategy' },
  unknown_cluster: { status: 400, title: 'Unknown cluster' },
  field_encrypted: { status: 400, title: 'Field is encrypted' },
  not_found: { status: 404, title: 'Not found' },
  tenant_not_found: { status: 404, title: 'Tenant not found' },
  tenant_exists: { status: 409, title: 'Tenant already exists' },
  name_taken: { status: 409, title: 'Storage name already taken' },
  region_mismatch: { status: 409, title: "Placement outside the tenant's region" },
  collection_exists: { status: 409, title: 'Collection already exists' },
  model_exists: { status: 409, title: 'Model already exists' },
  model_not_ready: { status: 409, title: 'Model not ready' },
  run_finished: { status: 409, title: 'Run already finished' },
  limit_reached: { status: 409, title: 'Plan limit reached' },
  collection_changed: { status: 409, title: 'Collection changed' },
  collection_not_empty: { status: 409, title: 'Collection is not empty' },
  records_do_not_match: { status: 409, title: 'Records do not match the schema' },
  version_conflict: { status: 412, title: 'Version conflict' },
  idempotency_key_reused: { status: 422, title: 'Idempotency key reused with a different request' },
  tenant_suspended: { status: 403, title: 'Tenant suspended' },
  quota_exceeded: { status: 403, title: 'Quota exceeded' },
  tenant_mismatch: { status: 403, title: 'Tenant mismatch' },
  tenant_not_ready: { status: 409, title: 'Tenant is not ready' },
  tenant_not_empty: { status: 409, title: 'Tenant is not empty' },
  tenant_scope_required: { status: 500, title: 'Internal error' },
  migration_failed: { status: 500, title: 'Internal error' },
  busy: { status: 503, title: 'Busy' },
  overloaded: { status: 503, title: 'Overloaded' },
  data_corrupt: { status: 500, title: 'Stored data failed authentication' },
  key_unavailable: { status: 503, title: 'Encryption key unavailable' },
  internal: { status: 500, title: 'Internal error' },
} as const satisfies Record<string, { status: number; title: string }>;

/** A stable error code (ERROR_CODES): the `code` of every problem+json body. */
export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Every error Tenantry means a caller to see: a stable `code` and the HTTP status it is answered with
 * (tenantry/fastify and tenantry/express turn it into problem+json; a status of 500 says nothing internal).
 */
export class TenantryError extends Error {
  readonly code: ErrorCode;
  /** The HTTP status of `code` (ERROR_CODES). */
  readonly status: number;

  /**
   * Seconds after which trying again may succeed (a 429 or 503 that knows): answered as Retry-After;
   * without it such a refusal says 1.
   */
  readonly retryAfter: number | undefined;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown; retryAfter?: number }) {
    super(message, options);
    this.name = 'TenantryError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.retryAfter = options?.retryAfter;
  }
}

/**
 * A TenantryError without a stack trace, for refusals a flood makes by the thousand (429 past a rate
 * limit): capturing the stack is most of what such an error costs, and it only ever says "the limit".
 */
export function refusal(code: ErrorCode, message: string): TenantryError {
  const depth = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new TenantryError(code, message);
  } finally {
    Error.stackTraceLimit = depth;
  }
}

/** Bad input (400 `validation_failed` unless another code is given): nothing was changed. */
export class ValidationError extends TenantryError {
  /** Where in the request the problem is (a JSON pointer: /query/filter, /body/…), when known. */
  readonly pointer: string | undefined;
  constructor(message: string, code: ErrorCode = 'validation_failed', pointer?: string) {
    super(code, message);
    this.name = 'ValidationError';
    this.pointer = pointer;
  }
}

/** No such tenant (404), or it was deleted — or deleted and re-created — since the caller resolved it. */
export class TenantNotFoundError extends TenantryError {
  readonly tenantId: string;
  constructor(tenantId: string) {
    super('tenant_not_found', `tenant '${tenantId}' does not exist`);
    this.name = 'TenantNotFoundError';
    this.tenantId = tenantId;
  }
}

/** The tenant is suspended (403): its scopes are refused until it is resumed. */
export class TenantSuspendedError extends TenantryError {
  readonly tenantId: string;
  constructor(tenantId: string) {
    super('tenant_suspended', `tenant '${tenantId}' is suspended`);
    this.name = 'TenantSuspendedError';
    this.tenantId = tenantId;
  }
}

/** A tenant with this id exists already (409). */
export class TenantExistsError extends TenantryError {
  constructor(tenantId: string) {
    super('tenant_exists', `tenant '${tenantId}' already exists`);
    this.name = 'TenantExistsError';
  }
}

/**
 * A role, schema or database Tenantry was about to create for a tenant exists already — another
 * deployment's on the same server, one made by hand, or one left behind — and is not Tenantry's to
 * take over (nor to drop when provisioning fails).
 */
export class NameTakenError extends TenantryError {
  constructor(
    readonly tenantId: string,
    readonly kind: 'role' | 'schema' | 'database',
    readonly objectName: string,
  ) {
    super(
      'name_taken',
      `cannot provision tenant '${tenantId}': ${kind} "${objectName}" already exists and is not this deployment's to take over ` +
        `(another deployment on the server with the same TENANTRY_DEPLOYMENT, or one made by hand or left behind)`,
    );
    this.name = 'NameTakenError';
  }
}

/** Raised when code asks for tenant context (a scope, a cache key) without naming a tenant. */
export class TenantScopeRequiredError extends TenantryError {
  constructor(what: string) {
    super('tenant_scope_required', `${what}: no tenant given (tenant context not set)`);
    this.name = 'TenantScopeRequiredError';
  }
}
