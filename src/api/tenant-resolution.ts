import type { ApiKeys } from '../auth/api-keys.js';
import type { JwtVerifier } from '../auth/jwt.js';
import { bearerToken } from '../auth/secrets.js';
import { refusal, TenantryError } from '../errors.js';
import type { Catalog, Role, Tenant } from '../tenancy/catalog.js';
import { countFailedAuthentication, refuseFloodingAddress, type AddressLimits, type AddressedRequest, type HeaderSink } from './plugins/address-limits.js';
import { requestsPerMinute, type RateDecision, type TenantRateLimiter } from './rate-limit.js';

/**
 * Tenant resolution, whatever the web framework: the rules of Tenantry's data plane (API.md), shared by
 * its own Fastify hook (plugins/tenant-auth.ts, also `tenantry/fastify`) and `tenantry/express`. The
 * credential decides the tenant; a tenant named any other way must agree with it.
 */

export interface TenantContext {
  tenant: Tenant;
  role: Role;
  keyId: string;
}

export interface TenantResolverOptions {
  catalog: Catalog;
  apiKeys: ApiKeys;
  jwt?: JwtVerifier;
  baseDomain?: string;
  rateLimiter: TenantRateLimiter;
  addressLimits: AddressLimits;
  /** Told of each request the tenant's rate limit refused (metrics). */
  onRateLimited?: (tenant: Tenant) => void;
}

/** What resolution reads of a request. */
export interface CredentialRequest extends AddressedRequest {
  readonly headers: { readonly authorization?: string; readonly host?: string; readonly 'x-tenant-id'?: string | string[] };
  /** The route's `:tenant` path parameter, if it has one. */
  readonly pathTenant: string | undefined;
}

const RANK: Record<Role, number> = { viewer: 0, member: 1, admin: 2 };

/** Whether `role` is at least `min` (viewer < member < admin). */
export function roleAllows(role: Role, min: Role): boolean {
  return RANK[role] >= RANK[min];
}

/** 403 `forbidden` unless `role` is at least `min`. */
export function checkRole(role: Role, min: Role): void {
  if (!roleAllows(role, min)) throw new TenantryError('forbidden', `this needs the ${min} role; the credential has ${role}`);
}

/** A tenant API key (`tnty_…`) or, when configured, a JWT: the tenant and role it carries. */
async function verifyCredential(
  token: string,
  apiKeys: ApiKeys,
  jwt: JwtVerifier | undefined,
): Promise<{ tenantId: string; role: Role; keyId: string; issuedAt?: number; generation?: number } | undefined> {
  if (!token) return undefined;
  if (token.startsWith('tnty_')) return apiKeys.verify(token);
  const claims = jwt ? await jwt.verify(token) : undefined;
  return claims && { tenantId: claims.tenantId, role: claims.role, keyId: `jwt:${claims.subject}`, issuedAt: claims.issuedAt };
}

/**
 * A token issued before its tenant was created was issued for an earlier tenant of the same id (deleted
 * since): no credential for this one. `iat` has whole seconds, so the comparison is at the second:
 * a token minted in the second the tenant was created is accepted. A token without `iat` is not
 * checked (API.md does not require the claim; such a token lives until its `exp`).
 */
function issuedBeforeTenant(issuedAt: number | undefined, tenant: Tenant): boolean {
  return issuedAt !== undefined && issuedAt < Math.floor(tenant.createdAt.getTime() / 1000);
}

/** A `Host` header as a name to match: lower case, without the port or trailing dots (`B.Example.COM.:443` → `b.example.com`). */
export function hostName(host: string | undefined): string {
  const h = (host ?? '').trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1); // an IPv6 literal names no tenant
  return h.replace(/:\d*$/, '').replace(/\.+$/, '');
}

/** Tenant names a request carries besides its credential: path prefix, header, subdomain. */
function namedTenants(request: CredentialRequest, baseDomain: string | undefined): string[] {
  const named: string[] = [];
  const fromPath = request.pathTenant;
  if (fromPath !== undefined) named.push(fromPath);
  const header = request.headers['x-tenant-id'];
  if (header !== undefined) named.push(...(Array.isArray(header) ? header : [header]));
  if (baseDomain) {
    // Normalised first: `b.example.com.` (a fully qualified name) or `B.EXAMPLE.COM` names tenant b too.
    const host = hostName(request.headers.host);
    if (host.endsWith(`.${baseDomain}`)) named.push(host.slice(0, -baseDomain.length - 1));
  }
  return named;
}

/** The tenant's bucket for the headers of a refusal, or undefined: a peek that fails must not change the answer. */
async function peekQuietly(limiter: TenantRateLimiter, tenant: Tenant): Promise<RateDecision | undefined> {
  try {
    return await limiter.peek?.(tenant.id, requestsPerMinute(tenant));
  } catch {
    return undefined;
  }
}

function rateHeaders(reply: HeaderSink, rate: RateDecision | undefined): void {
  if (!rate) return;
  reply.header('RateLimit-Limit', rate.limit);
  reply.header('RateLimit-Remaining', rate.remaining);
  reply.header('RateLimit-Reset', rate.reset);
}

export class TenantResolver {
  readonly #options: TenantResolverOptions;
  readonly #domain: string | undefined;

  constructor(options: TenantResolverOptions) {
    this.#options = options;
    this.#domain = options.baseDomain ? hostName(options.baseDomain) : undefined;
  }

  /**
   * The request's tenant and role, or a TenantryError to answer with: 401 without a valid credential
   * (a deleted tenant's included), 403 `tenant_mismatch` when a path, header or subdomain names another
   * tenant, 403 `tenant_suspended`, 429 past the tenant's rate limit (or this address's failed
   * authentications), 403 `forbidden` below `minRole`. Headers (WWW-Authenticate, RateLimit-*,
   * Retry-After) go to `reply`; `onVerified` hears of the credential's tenant before the checks that follow it.
   * `admit`, when given, may refuse the request (throw) once its tenant is known to be valid and active
   * and before the rate limit takes a token: load shedding (503 `overloaded`), so a request refused for
   * want of capacity does not also spend the tenant's budget of requests.
   */
  async resolve(
    request: CredentialRequest,
    reply: HeaderSink,
    minRole: Role,
    onVerified?: (tenant: Tenant, keyId: string) => void,
    admit?: (tenant: Tenant) => void,
  ): Promise<TenantContext> {
    const { catalog, apiKeys, jwt, rateLimiter, addressLimits, onRateLimited } = this.#options;
    const token = bearerToken(request.headers.authorization);
    // Before any lookup: an address flooding us with bad credentials costs no query (429) — but a key
    // already known valid costs none either, so tenants behind one shared address (a NAT, a proxy
    // without trustProxy) are not locked out by another client's guessing.
    if (!apiKeys.knownValid(token)) refuseFloodingAddress(addressLimits, request, reply);
    const verified = await verifyCredential(token, apiKeys, jwt);
    // A credential of a deleted (or not yet provisioned) tenant is no credential at all, nor is a JWT
    // minted for an earlier tenant of the same id.
    const tenant = verified && (await catalog.get(verified.tenantId));
    if (
      !verified ||
      !tenant ||
      tenant.status === 'deleting' ||
      tenant.status === 'provisioning' ||
      issuedBeforeTenant(verified.issuedAt, tenant) ||
      // A key of an earlier tenant of this id (a key row another process still has cached).
      (verified.generation !== undefined && verified.generation !== tenant.generation)
    ) {
      countFailedAuthentication(addressLimits, request, 'data');
      reply.header('WWW-Authenticate', 'Bearer');
      throw new TenantryError('unauthorized', 'a valid tenant API key or JWT is needed as a Bearer credential');
    }
    onVerified?.(tenant, verified.keyId);
    try {
      for (const named of namedTenants(request, this.#domain)) {
        if (named !== tenant.id) throw new TenantryError('tenant_mismatch', 'the tenant named by the request does not match its credential');
      }
      if (tenant.status === 'suspended') throw new TenantryError('tenant_suspended', 'this tenant is suspended');
      admit?.(tenant);
    } catch (error) {
      // Refused before the limit takes a token, but a response to the tenant all the same (API.md: every
      // one carries RateLimit-*): the bucket as it stands.
      rateHeaders(reply, await peekQuietly(rateLimiter, tenant));
      throw error;
    }
    // Counted per verified tenant, before any work is done for the request (but after load shedding).
    const rate = await rateLimiter.take(tenant.id, requestsPerMinute(tenant));
    rateHeaders(reply, rate);
    if (!rate.allowed) {
      onRateLimited?.(tenant);
      reply.header('Retry-After', rate.retryAfter);
      throw refusal('rate_limited', `request rate limit of ${rate.limit} per minute reached; retry in ${rate.retryAfter} s`);
    }
    checkRole(verified.role, minRole);
    return { tenant, role: verified.role, keyId: verified.keyId };
  }
}
